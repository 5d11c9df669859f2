package org.fedledger.participant;

import org.fedledger.chain.ChainException;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;
import org.fedledger.weights.WeightFile;

/**
 * How a participant acts in the protocol steps where it could cheat, beside what it trains
 * ({@link Trainer}): whether it commits and reveals, what file it publishes as its update and
 * which outcome it votes for. {@link #HONEST} does what the protocol says; the attack
 * simulations in {@code org.fedledger.adversary} wrap it and change one step each
 * ({@code adversary.Deviation}), so that tests and benchmarks can show what the protocol does to
 * such a participant.
 */
public interface Conduct {
    /** Commits every round, reveals what it committed, publishes its weight file, votes for what it computed. */
    Conduct HONEST = new HonestConduct();

    /** Whether to commit an update in {@code round} at all. */
    boolean commits(long round);

    /** Whether to reveal the update committed to in {@code round}. */
    boolean reveals(long round);

    /** Publishes the update for a round and returns the CID to commit to. */
    Cid publish(ModelStore models, WeightFile update) throws ModelStoreException;

    /**
     * The outcome to vote for in {@code round}. {@code computed} fetches, checks and aggregates
     * the round's updates (and keeps the outcome in the state file for claiming and reporting)
     * when asked; a conduct that votes for something else need not wait for it.
     */
    RoundEntry.Outcome vote(long round, Computation computed) throws ChainException, ModelStoreException,
            ParticipantException, InterruptedException;

    /** This participant's own computation of a round's outcome, done when first asked. */
    interface Computation {
        RoundEntry.Outcome outcome() throws ChainException, ModelStoreException, ParticipantException,
                InterruptedException;
    }
}
