package org.fedledger.membership;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Duration;

/**
 * What asking to leave a task came to: the leave was recorded, or the account could not leave
 * because it is leaving already, has left, or never joined. Read from the contract's refusal and
 * the member's status by {@link Member}.
 */
public sealed interface Leaving {

    /**
     * The leave is recorded: the member is active up to round {@code exitRound - 1}, its last
     * (none when that is before {@code joinRound}), and its {@code stake} unlocks at
     * {@code unlockTime}, or, while that is 0, {@code cooldown} after its last round ends.
     *
     * @param lastRoundEnded whether its last active round has ended already
     */
    record LeaveRequested(long joinRound, long exitRound, boolean lastRoundEnded, BigInteger stake, long unlockTime,
                          Duration cooldown) implements Leaving {
        public LeaveRequested {
            requireNonNull(stake, "stake == null");
            requireNonNull(cooldown, "cooldown == null");
            if (exitRound < 1) {
                throw new IllegalArgumentException("exitRound < 1: " + exitRound);
            }
        }

        /** Its last active round. */
        public long lastRound() {
            return exitRound - 1;
        }

        /** Whether it was active in any round (false: it joined for a round it now leaves before). */
        public boolean everActive() {
            return lastRound() >= joinRound;
        }
    }

    /** It asked to leave before: its stake unlocks at {@code unlockTime}, or (0) a cooldown after {@code lastRound}. */
    record AlreadyLeaving(long lastRound, long unlockTime) implements Leaving {}

    /** It left and withdrew its stake already. */
    record AlreadyLeft() implements Leaving {}

    /** It never joined the task. */
    record NotAMember() implements Leaving {}
}
