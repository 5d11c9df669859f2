package org.fedledger.task;

import java.math.BigInteger;
import java.time.Duration;
import org.fedledger.chain.TaskRules;

/**
 * Task rules for the integration tests: short, round-number durations (registration 0, each
 * phase 1,000 s, cooldown 3,000 s) and a distinct basis-point value for every slash kind and the
 * bounty, so that a test which computes the wrong fraction cannot pass by coincidence. A test
 * changes what it is about and leaves the rest.
 */
final class TestTerms {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    private final String token;
    private BigInteger minStake = TOKEN.multiply(BigInteger.valueOf(100));
    private BigInteger stakePerSample = TOKEN.divide(BigInteger.valueOf(100));
    private long sampleCap = 100_000;
    private int rounds = 3;
    private long registration = 0;
    private long commit = 1_000;
    private long reveal = 1_000;
    private long vote = 1_000;
    private long cooldown = 3_000;
    private int quorumBps = 6_000;
    private int minRevealers = 1;
    private int missTolerance = 1;
    private int noRevealSlashBps = 1_000;
    private int rejectedSlashBps = 2_000;
    private int wrongVoteSlashBps = 1_500;
    private int missedRoundsSlashBps = 500;
    private int reporterBountyBps = 1_000;

    private TestTerms(String token) {
        this.token = token;
    }

    static TestTerms in(String token) {
        return new TestTerms(token);
    }

    TestTerms rounds(int value) {
        rounds = value;
        return this;
    }

    TestTerms minStake(BigInteger value) {
        minStake = value;
        return this;
    }

    TestTerms stakePerSample(BigInteger value) {
        stakePerSample = value;
        return this;
    }

    TestTerms sampleCap(long value) {
        sampleCap = value;
        return this;
    }

    TestTerms registration(long seconds) {
        registration = seconds;
        return this;
    }

    TestTerms phases(long commitSeconds, long revealSeconds, long voteSeconds) {
        commit = commitSeconds;
        reveal = revealSeconds;
        vote = voteSeconds;
        return this;
    }

    TestTerms cooldown(long seconds) {
        cooldown = seconds;
        return this;
    }

    TestTerms quorumBps(int value) {
        quorumBps = value;
        return this;
    }

    TestTerms minRevealers(int value) {
        minRevealers = value;
        return this;
    }

    TestTerms missTolerance(int value) {
        missTolerance = value;
        return this;
    }

    TestTerms slashBps(int noReveal, int rejected, int wrongVote, int missedRounds) {
        noRevealSlashBps = noReveal;
        rejectedSlashBps = rejected;
        wrongVoteSlashBps = wrongVote;
        missedRoundsSlashBps = missedRounds;
        return this;
    }

    TestTerms bountyBps(int value) {
        reporterBountyBps = value;
        return this;
    }

    TaskRules build() {
        return new TaskRules(token, minStake, stakePerSample, sampleCap, rounds, Duration.ofSeconds(registration),
                Duration.ofSeconds(commit), Duration.ofSeconds(reveal), Duration.ofSeconds(vote),
                Duration.ofSeconds(cooldown), quorumBps, minRevealers, missTolerance, noRevealSlashBps,
                rejectedSlashBps, wrongVoteSlashBps, missedRoundsSlashBps, reporterBountyBps, 1);
    }
}
