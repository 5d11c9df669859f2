package org.fedledger.participant;

import org.fedledger.chain.ChainException;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;
import org.fedledger.weights.WeightFile;

/** What the protocol asks of a participant ({@link Conduct#HONEST}). */
final class HonestConduct implements Conduct {
    @Override
    public boolean commits(long round) {
        return true;
    }

    @Override
    public boolean reveals(long round) {
        return true;
    }

    @Override
    public Cid publish(ModelStore models, WeightFile update) throws ModelStoreException {
        return models.putWeights(update);
    }

    @Override
    public RoundEntry.Outcome vote(long round, Computation computed) throws ChainException, ModelStoreException,
            ParticipantException, InterruptedException {
        return computed.outcome();
    }

    @Override
    public String toString() {
        return "honest";
    }
}
