package org.fedledger.task;

import java.math.BigInteger;
import java.time.Duration;
import org.fedledger.chain.TaskRules;

/**
 * Task rules for the integration tests: short, round-number durations (registration 0, each
 * phase 1,000 s, cooldown 3,000 s) and a distinct basis-point value for every slash kind and the
 * bounty, so that a test which computes the wrong fraction cannot pass by coincidence. A test
 * changes what it is about and leaves the rest; durations are in seconds.
 */
final class TestTerms {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    private final TaskRules.Builder rules;

    private TestTerms(String token) {
        rules = TaskRules.builder(token, 3)
                .registration(Duration.ZERO)
                .phases(Duration.ofSeconds(1_000), Duration.ofSeconds(1_000), Duration.ofSeconds(1_000))
                .leaveCooldown(Duration.ofSeconds(3_000))
                .quorumBps(6_000)
                .missTolerance(1)
                .slashBps(1_000, 2_000, 1_500, 500)
                .reporterBountyBps(1_000);
    }

    static TestTerms in(String token) {
        return new TestTerms(token);
    }

    TestTerms rounds(int value) {
        rules.numRounds(value);
        return this;
    }

    TestTerms minStake(BigInteger value) {
        rules.minStake(value);
        return this;
    }

    TestTerms stakePerSample(BigInteger value) {
        rules.stakePerSample(value);
        return this;
    }

    TestTerms sampleCap(long value) {
        rules.sampleCap(value);
        return this;
    }

    TestTerms registration(long seconds) {
        rules.registration(Duration.ofSeconds(seconds));
        return this;
    }

    TestTerms phases(long commitSeconds, long revealSeconds, long voteSeconds) {
        rules.phases(Duration.ofSeconds(commitSeconds), Duration.ofSeconds(revealSeconds), Duration.ofSeconds(voteSeconds));
        return this;
    }

    TestTerms cooldown(long seconds) {
        rules.leaveCooldown(Duration.ofSeconds(seconds));
        return this;
    }

    TestTerms quorumBps(int value) {
        rules.quorumBps(value);
        return this;
    }

    TestTerms minRevealers(int value) {
        rules.minRevealers(value);
        return this;
    }

    TestTerms missTolerance(int value) {
        rules.missTolerance(value);
        return this;
    }

    TestTerms slashBps(int noReveal, int rejected, int wrongVote, int missedRounds) {
        rules.slashBps(noReveal, rejected, wrongVote, missedRounds);
        return this;
    }

    TestTerms bountyBps(int value) {
        rules.reporterBountyBps(value);
        return this;
    }

    TaskRules build() {
        return rules.build();
    }
}
