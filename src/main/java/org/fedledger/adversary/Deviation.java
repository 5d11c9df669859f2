package org.fedledger.adversary;

import java.util.Objects;
import org.fedledger.chain.ChainException;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.participant.Conduct;
import org.fedledger.participant.ParticipantException;
import org.fedledger.participant.RoundEntry;
import org.fedledger.storage.Cid;
import org.fedledger.weights.WeightFile;

/**
 * A conduct that does what another one does (the honest one unless told otherwise) except in the
 * steps a subclass overrides: each attack changes one step and wraps the rest.
 */
public abstract class Deviation implements Conduct {
    private final Conduct wrapped;

    /** Deviates from {@link Conduct#HONEST}. */
    protected Deviation() {
        this(Conduct.HONEST);
    }

    /** Deviates from {@code wrapped}. */
    protected Deviation(Conduct wrapped) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped == null");
    }

    @Override
    public boolean commits(long round) {
        return wrapped.commits(round);
    }

    @Override
    public boolean reveals(long round) {
        return wrapped.reveals(round);
    }

    @Override
    public Cid publish(ModelStore models, WeightFile update) throws ModelStoreException {
        return wrapped.publish(models, update);
    }

    @Override
    public RoundEntry.Outcome vote(long round, Computation computed) throws ChainException, ModelStoreException,
            ParticipantException, InterruptedException {
        return wrapped.vote(round, computed);
    }
}
