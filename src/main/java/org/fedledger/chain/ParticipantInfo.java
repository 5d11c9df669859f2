package org.fedledger.chain;

import java.math.BigInteger;

/**
 * What a task records about one participant (Solidity {@code ParticipantInfo}): membership
 * status, stake, credited rewards and the markers of the last round it committed, revealed and
 * voted in. The markers are what a restarted participant reads to learn which of its actions
 * already reached the chain.
 *
 * @param exitRound first round it is no longer active in; 0 when none is scheduled
 */
public record ParticipantInfo(Status status, BigInteger stake, BigInteger rewards, long joinRound, long exitRound,
                         long commitRound, long revealRound, long voteRound, long unlockTime) {

    /** Membership states, in the contract's order (Solidity {@code ParticipantStatus}). */
    public enum Status { NONE, ACTIVE, SUSPENDED, LEAVING, LEFT }

    /** Whether the participant is active in {@code round} (joined by then and not yet gone). */
    public boolean activeIn(long round) {
        return joinRound != 0 && joinRound <= round && (exitRound == 0 || round < exitRound);
    }

    /** Whether it ever joined. */
    public boolean joined() {
        return status != Status.NONE;
    }
}
