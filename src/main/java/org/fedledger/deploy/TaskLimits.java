package org.fedledger.deploy;

import java.math.BigInteger;
import java.time.Duration;
import org.fedledger.chain.TaskRules;

/**
 * The task factory's limits on a task's rules (docs/protocol.md section 3), checked before any
 * transaction is spent on a task the factory would refuse, with messages that say which value
 * is out of range.
 */
public final class TaskLimits {
    public static final int MAX_ROUNDS = 16_777_214;
    public static final Duration MAX_DURATION = Duration.ofDays(365);
    private static final int ALL_BPS = 10_000;
    /** 2^96 - 1, the largest stake amount the contracts store. */
    private static final BigInteger UINT96_MAX = BigInteger.ONE.shiftLeft(96).subtract(BigInteger.ONE);

    private TaskLimits() {}

    /** Throws an {@link IllegalArgumentException} naming the first rule the factory would refuse. */
    public static void check(TaskRules t) {
        range("rounds", t.numRounds(), 1, MAX_ROUNDS);
        if (t.minStake().signum() <= 0 || t.minStake().compareTo(UINT96_MAX) > 0) {
            throw new IllegalArgumentException("min-stake must be above 0 (and below 2^96 units)");
        }
        if (t.stakePerSample().compareTo(UINT96_MAX) > 0) {
            throw new IllegalArgumentException("stake-per-sample must be below 2^96 units");
        }
        if (t.sampleCap() < 1) {
            throw new IllegalArgumentException("sample-cap must be at least 1, not " + t.sampleCap());
        }
        duration("registration", t.registration(), 0);
        duration("commit", t.commit(), 1);
        duration("reveal", t.reveal(), 1);
        duration("vote", t.vote(), 1);
        duration("leave-cooldown", t.leaveCooldown(), 0);
        range("quorum", t.quorumBps(), ALL_BPS / 2 + 1, ALL_BPS);
        range("min-revealers", t.minRevealers(), 1, Integer.MAX_VALUE);
        range("miss-tolerance", t.missTolerance(), 0, 65_535);
        range("slash-no-reveal", t.noRevealSlashBps(), 0, ALL_BPS);
        range("slash-rejected", t.rejectedSlashBps(), 0, ALL_BPS);
        range("slash-wrong-vote", t.wrongVoteSlashBps(), 0, ALL_BPS);
        range("slash-missed-rounds", t.missedRoundsSlashBps(), 0, ALL_BPS);
        range("reporter-bounty", t.reporterBountyBps(), 0, ALL_BPS);
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + (max == Integer.MAX_VALUE ? "at least " + min
                    : "between " + min + " and " + max) + ", not " + value);
        }
    }

    private static void duration(String name, Duration value, long minSeconds) {
        if (value.getSeconds() < minSeconds || value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be between " + minSeconds + " and "
                    + MAX_DURATION.getSeconds() + " seconds (365 days), not " + value.getSeconds());
        }
    }
}
