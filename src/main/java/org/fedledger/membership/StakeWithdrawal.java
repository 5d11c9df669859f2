package org.fedledger.membership;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Duration;
import org.fedledger.chain.ParticipantInfo;

/**
 * What asking for a stake back came to: the stake was returned, it is still locked, or there is
 * none to return. Read from the contract's refusal and the member's status by {@link Member}.
 */
public sealed interface StakeWithdrawal {

    /** The stake was transferred back and the member has left. */
    record Withdrawn(BigInteger amount) implements StakeWithdrawal {
        public Withdrawn {
            requireNonNull(amount, "amount == null");
        }
    }

    /**
     * The member is leaving but its stake is locked: until {@code until} (unix seconds), or,
     * while {@code until} is 0, until round {@code lastRound} has ended and then for
     * {@code cooldown}.
     */
    record StakeLocked(long until, long lastRound, Duration cooldown) implements StakeWithdrawal {
        public StakeLocked {
            requireNonNull(cooldown, "cooldown == null");
            if (until < 0) {
                throw new IllegalArgumentException("until < 0: " + until);
            }
        }

        /** Whether the unlock time is known yet (it is once the last round has ended). */
        public boolean unlockKnown() {
            return until != 0;
        }
    }

    /**
     * No stake to return, because of the account's status: it never joined ({@code NONE}), is
     * still a member ({@code ACTIVE}, {@code SUSPENDED}: it must leave first), or left and took
     * its stake already ({@code LEFT}).
     */
    record NothingToWithdraw(ParticipantInfo.Status why) implements StakeWithdrawal {
        public NothingToWithdraw {
            requireNonNull(why, "why == null");
            if (why == ParticipantInfo.Status.LEAVING) {
                throw new IllegalArgumentException("a leaving member's stake is locked or withdrawable, not absent");
            }
        }

        /** Whether the account is still a member, whose stake stays until it leaves. */
        public boolean stillAMember() {
            return why == ParticipantInfo.Status.ACTIVE || why == ParticipantInfo.Status.SUSPENDED;
        }
    }
}
