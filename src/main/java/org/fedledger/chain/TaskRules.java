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
     * bonded per sample (cap 100,000), 2/3 quorum, 10% no-reveal/rejection/wrong-vote slashes,
     * 5% liveness slash after 2 missed rounds, 10% reporter bounty, FedAvg.
     */
    public static TaskRules defaults(String token, int numRounds) {
        return new TaskRules(token, TOKEN.multiply(BigInteger.valueOf(100)), TOKEN.divide(BigInteger.valueOf(100)),
                100_000, numRounds, Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(300),
                Duration.ofSeconds(300), Duration.ofSeconds(600), 6_667, 1, 2, 1_000, 1_000, 1_000, 500, 1_000, 1);
    }

    /** These terms with another registration period (the time before round 1 may start). */
    public TaskRules withRegistration(Duration value) {
        return new TaskRules(token, minStake, stakePerSample, sampleCap, numRounds, value, commit, reveal, vote,
                leaveCooldown, quorumBps, minRevealers, missTolerance, noRevealSlashBps, rejectedSlashBps,
                wrongVoteSlashBps, missedRoundsSlashBps, reporterBountyBps, aggregationRule);
    }

    /** These terms with other commit, reveal and vote phase lengths. */
    public TaskRules withPhases(Duration commitPhase, Duration revealPhase, Duration votePhase) {
        return new TaskRules(token, minStake, stakePerSample, sampleCap, numRounds, registration, commitPhase,
                revealPhase, votePhase, leaveCooldown, quorumBps, minRevealers, missTolerance, noRevealSlashBps,
                rejectedSlashBps, wrongVoteSlashBps, missedRoundsSlashBps, reporterBountyBps, aggregationRule);
    }

    /** These terms with another quorum, in basis points of revealed stake. */
    public TaskRules withQuorumBps(int value) {
        return new TaskRules(token, minStake, stakePerSample, sampleCap, numRounds, registration, commit, reveal, vote,
                leaveCooldown, value, minRevealers, missTolerance, noRevealSlashBps, rejectedSlashBps,
                wrongVoteSlashBps, missedRoundsSlashBps, reporterBountyBps, aggregationRule);
    }

    /** These terms with another aggregation rule id. */
    public TaskRules withAggregationRule(int value) {
        return new TaskRules(token, minStake, stakePerSample, sampleCap, numRounds, registration, commit, reveal, vote,
                leaveCooldown, quorumBps, minRevealers, missTolerance, noRevealSlashBps, rejectedSlashBps,
                wrongVoteSlashBps, missedRoundsSlashBps, reporterBountyBps, value);
    }
}
