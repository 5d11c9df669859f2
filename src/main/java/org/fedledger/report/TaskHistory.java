package org.fedledger.report;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskPhase;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.storage.Cid;

/**
 * Everything a report shows about one task, as the chain recorded it: its terms, each round
 * that started (how it ended, its aggregate, reward, revealers, votes, gas and, when measured,
 * the global model's accuracy) and each participant that ever joined (stake, rewards, bounties,
 * slashes, rounds taken part in). Read one with {@link TaskHistoryReader}; amounts are in the
 * stake token's smallest unit. Plain values, so reports can also be built by hand (tests).
 *
 * @param initialAccuracy the accuracy of the initial model ("round 0"), if measured
 * @param rounds rounds 1 to {@code currentRound}, in order (the last may still be running)
 * @param participants in join order
 */
public record TaskHistory(String task, long chainId, TaskPhase phase, long currentRound, Terms terms,
                          OptionalDouble initialAccuracy, List<Round> rounds, List<Member> participants) {

    public TaskHistory {
        requireNonNull(task, "task == null");
        requireNonNull(phase, "phase == null");
        requireNonNull(terms, "terms == null");
        requireNonNull(initialAccuracy, "initialAccuracy == null");
        rounds = List.copyOf(rounds);
        participants = List.copyOf(participants);
    }

    /**
     * The task's rules that a reader of the report needs.
     *
     * @param rule the aggregation rule's spec, e.g. {@code fedavg}, or {@code rule N} when this
     *     version does not know the id
     * @param privacy the task's differential-privacy policy, if it has one
     */
    public record Terms(int numRounds, int ruleId, String rule, String token, int quorumBps, int minRevealers,
                        BigInteger minStake, Cid modelSpec, Cid initialModel, Optional<DpPolicy> privacy) {
        public Terms {
            requireNonNull(rule, "rule == null");
            requireNonNull(token, "token == null");
            requireNonNull(minStake, "minStake == null");
            requireNonNull(modelSpec, "modelSpec == null");
            requireNonNull(initialModel, "initialModel == null");
            requireNonNull(privacy, "privacy == null");
        }

        /** Terms of a task without a privacy policy. */
        public Terms(int numRounds, int ruleId, String rule, String token, int quorumBps, int minRevealers,
                     BigInteger minStake, Cid modelSpec, Cid initialModel) {
            this(numRounds, ruleId, rule, token, quorumBps, minRevealers, minStake, modelSpec, initialModel,
                    Optional.empty());
        }
    }

    /** How a round ended, or that it is still running. */
    public enum RoundStatus {
        RUNNING, FINALIZED, FAILED_NO_COMMITS, FAILED_NO_REVEALS, FAILED_NO_QUORUM;

        static RoundStatus of(RoundRecord.Status status) {
            return switch (status) {
                case NONE -> RUNNING;
                case FINALIZED -> FINALIZED;
                case FAILED_NO_COMMITS -> FAILED_NO_COMMITS;
                case FAILED_NO_REVEALS -> FAILED_NO_REVEALS;
                case FAILED_NO_QUORUM -> FAILED_NO_QUORUM;
            };
        }

        public boolean failed() {
            return this != RUNNING && this != FINALIZED;
        }

        /** For people: {@code finalized}, {@code running}, {@code failed: no quorum}... */
        public String label() {
            return failed() ? "failed: " + name().substring("FAILED_".length()).replace('_', ' ').toLowerCase()
                    : name().toLowerCase();
        }
    }

    /** A vote cast in a round, for the outcome with this per-round ordinal (1 = the first proposed). */
    public record Vote(String voter, long ordinal) {
        public Vote {
            requireNonNull(voter, "voter == null");
        }
    }

    /**
     * One round.
     *
     * @param aggregate the new global model's CID, for a finalized round
     * @param claimed what participants have claimed of the round's reward so far
     * @param winningOrdinal the ordinal of the outcome that finalized (0 unless finalized)
     * @param gasUsed the gas of the transactions that moved the round: its commits, reveals, votes
     *     and advances (the transaction that ends a round and opens the next counts for the round
     *     it ended; joins, claims, reports and withdrawals count for none), if read
     * @param accuracy the accuracy of the round's aggregate, if finalized and measured
     */
    public record Round(long number, RoundStatus status, Optional<Cid> aggregate, BigInteger totalWeight,
                        BigInteger reward, BigInteger claimed, List<String> committers, List<String> revealers,
                        List<Vote> votes, long winningOrdinal, OptionalLong gasUsed, OptionalDouble accuracy) {
        public Round {
            requireNonNull(status, "status == null");
            requireNonNull(aggregate, "aggregate == null");
            requireNonNull(totalWeight, "totalWeight == null");
            requireNonNull(reward, "reward == null");
            requireNonNull(claimed, "claimed == null");
            committers = List.copyOf(committers);
            revealers = List.copyOf(revealers);
            votes = List.copyOf(votes);
            requireNonNull(gasUsed, "gasUsed == null");
            requireNonNull(accuracy, "accuracy == null");
            if (number < 1) {
                throw new IllegalArgumentException("round < 1: " + number);
            }
        }

        /** The votes for the outcome that finalized. */
        public long agreeingVotes() {
            return votes.stream().filter(v -> v.ordinal() == winningOrdinal && winningOrdinal != 0).count();
        }
    }

    /** What one participant suffered of one kind of slash: how often, how much in all. */
    public record Slashes(SlashKind kind, int count, BigInteger amount) {
        public Slashes {
            requireNonNull(kind, "kind == null");
            requireNonNull(amount, "amount == null");
        }
    }

    /**
     * One participant.
     *
     * @param stake its stake now
     * @param joinedWith the stake it joined with
     * @param rewards its credited, not yet withdrawn balance ({@code rewardsOf}): claims plus
     *     bounties minus withdrawals
     * @param claimed the total of its reward claims ({@code RewardsClaimed} events)
     * @param bounties what it earned by reporting others' faults ({@code Slashed} events naming it
     *     the reporter)
     * @param slashes what it lost, per kind, in kind order; kinds it never suffered are left out
     * @param roundsAccepted the rounds it claimed a reward for. Whether the rule accepted an update
     *     is in the round's Merkle tree, which only its leaves' proofs show; a claim is the
     *     on-chain proof of an accepted leaf of positive weight. So an accepted update whose
     *     reward is not claimed yet (or was never worth claiming) does not count.
     */
    public record Member(String address, ParticipantInfo.Status status, BigInteger stake, BigInteger joinedWith,
                         BigInteger rewards, BigInteger claimed, BigInteger bounties, List<Slashes> slashes,
                         int roundsCommitted, int roundsRevealed, int roundsAccepted) {
        public Member {
            requireNonNull(address, "address == null");
            requireNonNull(status, "status == null");
            requireNonNull(stake, "stake == null");
            requireNonNull(joinedWith, "joinedWith == null");
            requireNonNull(rewards, "rewards == null");
            requireNonNull(claimed, "claimed == null");
            requireNonNull(bounties, "bounties == null");
            slashes = List.copyOf(slashes);
        }

        /** The total lost to slashes. */
        public BigInteger slashed() {
            return slashes.stream().map(Slashes::amount).reduce(BigInteger.ZERO, BigInteger::add);
        }
    }

    /**
     * The epsilon {@code member} has spent under the task's privacy policy: one release per round
     * it revealed an update in ({@link DpPolicy#spentAfter}); empty for a task without a policy.
     */
    public OptionalDouble epsilonSpent(Member member) {
        return terms.privacy().map(p -> OptionalDouble.of(p.spentAfter(member.roundsRevealed()).epsilon()))
                .orElse(OptionalDouble.empty());
    }

    /** The round with this number, if it started. */
    public Optional<Round> round(long number) {
        return rounds.stream().filter(r -> r.number() == number).findFirst();
    }

    /** The participant with this address (any case), if it joined. */
    public Optional<Member> participant(String address) {
        return participants.stream().filter(m -> m.address().equalsIgnoreCase(address)).findFirst();
    }

    /**
     * This history as pretty-printed JSON with stable field names (those of the records);
     * amounts are decimal strings (they exceed a double's precision), CIDs their text form, and
     * unknown values null.
     */
    public String toJson() {
        return HistoryJson.write(this);
    }
}
