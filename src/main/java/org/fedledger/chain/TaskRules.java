package org.fedledger.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * A task's rules as the task contract fixes them at creation (Solidity {@code TaskRules}):
 * stake token and amounts, round count and phase durations, quorum, slash fractions and the
 * aggregation rule. Durations are whole seconds; fractions are basis points (1/10,000).
 */
public record TaskRules(
        String token,
        BigInteger minStake,
        BigInteger stakePerSample,
        long sampleCap,
        int numRounds,
        Duration registration,
        Duration commit,
        Duration reveal,
        Duration vote,
        Duration leaveCooldown,
        int quorumBps,
        int minRevealers,
        int missTolerance,
        int noRevealSlashBps,
        int rejectedSlashBps,
        int wrongVoteSlashBps,
        int missedRoundsSlashBps,
        int reporterBountyBps,
        int aggregationRule) {

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    public TaskRules {
        Objects.requireNonNull(token, "token == null");
        Objects.requireNonNull(minStake, "minStake == null");
        Objects.requireNonNull(stakePerSample, "stakePerSample == null");
        Objects.requireNonNull(registration, "registration == null");
        Objects.requireNonNull(commit, "commit == null");
        Objects.requireNonNull(reveal, "reveal == null");
        Objects.requireNonNull(vote, "vote == null");
        Objects.requireNonNull(leaveCooldown, "leaveCooldown == null");
    }

    /**
     * Sensible terms for a devnet task in {@code token}: 100-token minimum stake, 0.01 token
     * bonded per sample (cap 100,000), registration 60 s, 300 s per phase, 600 s leave cooldown,
     * 2/3 quorum, 10% no-reveal/rejection/wrong-vote slashes, 5% liveness slash after 2 missed
     * rounds, 10% reporter bounty, FedAvg: {@link #builder}'s defaults.
     */
    public static TaskRules defaults(String token, int numRounds) {
        return builder(token, numRounds).build();
    }

    /** A builder starting from {@link #defaults}. */
    public static Builder builder(String token, int numRounds) {
        return new Builder(token, numRounds);
    }

    /** A builder starting from these terms. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Terms built one field at a time from {@link #defaults} or from other terms, so that code
     * which changes a few fields names only those. Not thread-safe.
     */
    public static final class Builder {
        private String token;
        private BigInteger minStake = TOKEN.multiply(BigInteger.valueOf(100));
        private BigInteger stakePerSample = TOKEN.divide(BigInteger.valueOf(100));
        private long sampleCap = 100_000;
        private int numRounds;
        private Duration registration = Duration.ofSeconds(60);
        private Duration commit = Duration.ofSeconds(300);
        private Duration reveal = Duration.ofSeconds(300);
        private Duration vote = Duration.ofSeconds(300);
        private Duration leaveCooldown = Duration.ofSeconds(600);
        private int quorumBps = 6_667;
        private int minRevealers = 1;
        private int missTolerance = 2;
        private int noRevealSlashBps = 1_000;
        private int rejectedSlashBps = 1_000;
        private int wrongVoteSlashBps = 1_000;
        private int missedRoundsSlashBps = 500;
        private int reporterBountyBps = 1_000;
        private int aggregationRule = 1;

        private Builder(String token, int numRounds) {
            this.token = token;
            this.numRounds = numRounds;
        }

        private Builder(TaskRules t) {
            this(t.token, t.numRounds);
            minStake = t.minStake;
            stakePerSample = t.stakePerSample;
            sampleCap = t.sampleCap;
            registration = t.registration;
            phases(t.commit, t.reveal, t.vote);
            leaveCooldown = t.leaveCooldown;
            quorumBps = t.quorumBps;
            minRevealers = t.minRevealers;
            missTolerance = t.missTolerance;
            slashBps(t.noRevealSlashBps, t.rejectedSlashBps, t.wrongVoteSlashBps, t.missedRoundsSlashBps);
            reporterBountyBps = t.reporterBountyBps;
            aggregationRule = t.aggregationRule;
        }

        /** The stake and reward token's address. */
        public Builder token(String value) {
            token = value;
            return this;
        }

        /** The smallest stake to join, in token units. */
        public Builder minStake(BigInteger value) {
            minStake = value;
            return this;
        }

        /** The stake bonded per claimed sample, in token units. */
        public Builder stakePerSample(BigInteger value) {
            stakePerSample = value;
            return this;
        }

        /** The largest sample count a participant may claim. */
        public Builder sampleCap(long value) {
            sampleCap = value;
            return this;
        }

        /** The number of rounds. */
        public Builder numRounds(int value) {
            numRounds = value;
            return this;
        }

        /** The registration period: the time from creation until round 1 may start. */
        public Builder registration(Duration value) {
            registration = value;
            return this;
        }

        /** The commit, reveal and vote phase lengths. */
        public Builder phases(Duration commitPhase, Duration revealPhase, Duration votePhase) {
            commit = commitPhase;
            reveal = revealPhase;
            vote = votePhase;
            return this;
        }

        /** The reporting window after a leaver's last round. */
        public Builder leaveCooldown(Duration value) {
            leaveCooldown = value;
            return this;
        }

        /** The quorum, in basis points of revealed stake. */
        public Builder quorumBps(int value) {
            quorumBps = value;
            return this;
        }

        /** The fewest reveals with which a round can finalize. */
        public Builder minRevealers(int value) {
            minRevealers = value;
            return this;
        }

        /** The consecutive missed rounds tolerated before the liveness slash. */
        public Builder missTolerance(int value) {
            missTolerance = value;
            return this;
        }

        /** The slashes, in basis points of stake, for no reveal, a rejected update, a wrong vote and missed rounds. */
        public Builder slashBps(int noReveal, int rejected, int wrongVote, int missedRounds) {
            noRevealSlashBps = noReveal;
            rejectedSlashBps = rejected;
            wrongVoteSlashBps = wrongVote;
            missedRoundsSlashBps = missedRounds;
            return this;
        }

        /** The reporter's share of a reported slash, in basis points. */
        public Builder reporterBountyBps(int value) {
            reporterBountyBps = value;
            return this;
        }

        /** The aggregation rule's id. */
        public Builder aggregationRule(int value) {
            aggregationRule = value;
            return this;
        }

        /** The terms; a null token, amount or duration is an {@link NullPointerException}. */
        public TaskRules build() {
            return new TaskRules(token, minStake, stakePerSample, sampleCap, numRounds, registration, commit, reveal,
                    vote, leaveCooldown, quorumBps, minRevealers, missTolerance, noRevealSlashBps, rejectedSlashBps,
                    wrongVoteSlashBps, missedRoundsSlashBps, reporterBountyBps, aggregationRule);
        }
    }
}
