package org.fedledger.participant;

import java.math.BigInteger;
import java.util.List;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.outcome.Contribution;
import org.fedledger.storage.Cid;

/**
 * What a running participant tells its user (a log, a progress display, a test waiting for a
 * step). Called on the participant's own thread; implementations must be quick.
 */
public interface ParticipantListener {
    /** A listener that ignores everything. */
    ParticipantListener NONE = new ParticipantListener() {};

    default void joined(BigInteger stake, long firstRound) {}

    default void trained(long round, int samples, double seconds) {}

    default void committed(long round, Cid update) {}

    default void revealed(long round) {}

    /** Voted for the outcome computed here: the aggregate and every revealer's contribution. */
    default void voted(long round, Cid aggregate, List<Contribution> contributions) {}

    /** A round ended; {@code agreed}: it finalized the outcome computed here. */
    default void roundEnded(long round, RoundRecord result, boolean agreed) {}

    default void reported(String offender, SlashKind kind, long round) {}

    /**
     * The task's differential-privacy budget allows no update from {@code round} on: the
     * participant asked to leave the task and publishes nothing more; {@code spent} says what it
     * spent (e.g. {@code 3 updates published, epsilon 9.87 of 10 at delta 1e-05}).
     */
    default void privacyBudgetSpent(long round, String spent) {}

    default void claimed(List<Long> rounds, BigInteger credited) {}

    /**
     * The contract refused an action because the task moved on meanwhile (another participant's
     * transaction came first: the vote that finalized the round, the same advance); the
     * participant carries on from the new state.
     */
    default void skipped(long round, String action, String reason) {}

    /** A step went wrong and will be retried or skipped; one line. */
    default void problem(String message) {}

    /**
     * {@code nanos} of wall time went to {@code work} while the task was in {@code round} (0:
     * registration; after the last round, the number of rounds + 1). Called once the work is
     * done, so the work began {@code nanos} before the call.
     */
    default void spent(long round, Work work, long nanos) {}
}
