package org.fedledger.participant;

import static java.math.BigInteger.ZERO;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.ParticipantInfo.Status;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.RewardClaim;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskEvents.Finalized;
import org.fedledger.chain.TaskEvents.Revealed;
import org.fedledger.chain.TaskEvents.Vote;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;
import org.fedledger.storage.Cid;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;

/**
 * The task contract in memory, for unit tests of participants: the phase machine of {@code
 * Rounds.sol}, the membership, votes, slashes and claims of {@code Membership}, {@code Voting},
 * {@code Slashing} and {@code Rewards}, refusing what they refuse with the same custom errors
 * ({@link Reverts}), and the event history. One task is shared by many accounts: {@link #port}
 * hands each its own {@link TaskPort}, so several participants can run on threads against it
 * while the test acts as further accounts on their ports. Not modelled: the stake token
 * (stakes are numbers), withdrawals, top-ups and the claim allocation bookkeeping.
 *
 * <p>The chain's clock is fake unix seconds. It moves only when the test moves it, or when every
 * participant {@linkplain #attach() attached} to the task waits in {@link TaskPort#awaitChange}
 * and none can go on: then time jumps to the first deadline one of them waits for (or a block
 * is mined a second later, for one waiting for any block). So a test runs as fast as its
 * participants compute, and always the same way.
 */
final class InMemoryTask {
    static final String ADDRESS = "0x00000000000000000000000000000000000f1a5c";
    /** The clock's start: registration opens now. */
    static final long START = 1_700_000_000L;
    private static final int BPS = 10_000;

    /** A slash as the {@code Slashed} event records it; reporter null for one the contract settled itself. */
    record Slash(String offender, long round, SlashKind kind, BigInteger amount, String reporter) {}

    private final TaskRules rules;
    private final TaskMetadata metadata;
    private final Intercepts intercepts = new Intercepts();
    private BigInteger pool;

    private long now = START;
    private long block;
    private int running;
    private final Set<Waiter> waiters = new HashSet<>();

    private TaskPhase phase = TaskPhase.REGISTRATION;
    private long round;
    private long deadline;
    private int activeCount;
    private int nextActiveCount;
    private int committedCount;
    private int revealedCount;
    private int votedCount;
    private BigInteger revealedStake = ZERO;
    /** This round's voted outcomes, ordinal = index + 1, with their tallies. */
    private final List<Tally> tallies = new ArrayList<>();

    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<Long, RoundRecord> records = new HashMap<>();
    private final List<Finalized> finalized = new ArrayList<>();
    private final Map<Long, List<String>> committers = new HashMap<>();
    private final Map<Long, List<Revealed>> revealed = new HashMap<>();
    private final Map<Long, List<Vote>> votes = new HashMap<>();
    private final List<Slash> slashes = new ArrayList<>();
    private final List<String> transitions = new ArrayList<>();

    InMemoryTask(TaskRules rules, TaskMetadata metadata, BigInteger rewardPool) {
        this.rules = rules;
        this.metadata = metadata;
        this.pool = rewardPool;
        this.deadline = now + rules.registration().toSeconds();
    }

    /** What {@code account} sees of this task and signs in it. */
    TaskPort port(String account) {
        return new InMemoryPort(this, account.toLowerCase(), intercepts);
    }

    /** Failure injection and scripts around the accounts' calls. */
    Intercepts intercepts() {
        return intercepts;
    }

    TaskRules rules() {
        return rules;
    }

    TaskMetadata metadata() {
        return metadata;
    }

    // ----- the clock -----

    /** A participant will run against this task: time passes only when it waits too. */
    synchronized void attach() {
        running++;
    }

    /** A participant stopped. */
    synchronized void detach() {
        running--;
        notifyAll();
    }

    synchronized long now() {
        return now;
    }

    /** Sets the clock to {@code time} (never back), as a block mined then. */
    synchronized void timeTo(long time) {
        now = Math.max(now, time);
        mined();
    }

    /** Sets the clock to the current phase's deadline. */
    synchronized void expirePhase() {
        timeTo(deadline);
    }

    synchronized boolean passed(long time) {
        return now >= time;
    }

    /** One participant waiting for a change. */
    private static final class Waiter {
        final long deadline;
        final boolean anyBlock;
        final long since;
        long checkedAt = -1;

        Waiter(long deadline, boolean anyBlock, long since) {
            this.deadline = deadline;
            this.anyBlock = anyBlock;
            this.since = since;
        }
    }

    void awaitChange(TaskPort.Moved moved, long until, Duration maxWait) throws ChainException, InterruptedException {
        long giveUp = System.nanoTime() + maxWait.toNanos();
        synchronized (this) {
            Waiter w = new Waiter(until, moved == null, block);
            waiters.add(w);
            try {
                while (true) {
                    boolean changed = moved == null ? block != w.since : moved.since(BigInteger.valueOf(block));
                    if (changed || (until > 0 && now >= until)) {
                        return;
                    }
                    w.checkedAt = block;
                    if (everyoneStuck() && passTime()) {
                        continue;
                    }
                    long left = giveUp - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } finally {
                waiters.remove(w);
            }
        }
    }

    /** Every attached participant waits, and each has seen the latest block and found nothing to do. */
    private boolean everyoneStuck() {
        return running == waiters.size() && waiters.stream().allMatch(w -> w.checkedAt == block);
    }

    /**
     * Lets time pass for waiting participants: to the first deadline one of them waits for, or
     * a second for one waiting for any block. False if none would wake (they wait for others).
     */
    private boolean passTime() {
        boolean anyBlock = waiters.stream().anyMatch(w -> w.anyBlock);
        long next = waiters.stream().mapToLong(w -> w.deadline).filter(d -> d > now).min().orElse(0);
        if (!anyBlock && next == 0) {
            return false;
        }
        now = anyBlock ? now + 1 : next;
        mined();
        return true;
    }

    /**
     * Waits until every attached participant waits for something only another account can do
     * (the test's cue to act as one).
     */
    synchronized void awaitStuck(Duration timeout) throws InterruptedException {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (!everyoneStuck() || running == 0) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("participants did not settle into waiting within " + timeout);
            }
            wait(5);
        }
    }

    /** Waits (releasing the task to the other threads) until {@code condition} holds. */
    synchronized void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("condition not reached within " + timeout);
            }
            wait(5);
        }
    }

    /** A transaction landed or time passed: a new block. */
    private void mined() {
        block++;
        notifyAll();
    }

    // ----- views -----

    synchronized RoundPosition position() {
        return new RoundPosition(round, phase, deadline);
    }

    synchronized ParticipantInfo participantInfo(String participant) {
        Member m = members.get(participant.toLowerCase());
        return m == null ? new ParticipantInfo(Status.NONE, ZERO, ZERO, 0, 0, 0, 0, 0, 0) : m.info();
    }

    synchronized long participantCount() {
        return members.size();
    }

    synchronized List<String> participants() {
        return List.copyOf(members.keySet());
    }

    synchronized RoundRecord roundRecord(long r) {
        return records.getOrDefault(r, new RoundRecord(RoundRecord.Status.NONE, new byte[32], ZERO, ZERO, 0, 0));
    }

    synchronized boolean slashable(String participant, SlashKind kind) {
        Member m = members.get(participant.toLowerCase());
        if (m == null) {
            return false;
        }
        return switch (kind) {
            case NO_REVEAL -> noRevealLiable(m) && m.stake.multiply(bps(rules.noRevealSlashBps())).compareTo(bps(BPS)) >= 0;
            case WRONG_VOTE -> wrongVoteLiable(m)
                    && m.stake.multiply(bps(rules.wrongVoteSlashBps())).compareTo(bps(BPS)) >= 0;
            case MISSED_ROUNDS -> lastMissed(m) > 0
                    && m.stake.multiply(bps(rules.missedRoundsSlashBps())).compareTo(bps(BPS)) >= 0;
            case REJECTED_UPDATE -> false;
        };
    }

    synchronized boolean isRejectionSlashed(String participant, long r) {
        Member m = members.get(participant.toLowerCase());
        return m != null && m.rejectionSlashed.contains(r);
    }

    synchronized boolean isClaimed(String participant, long r) {
        Member m = members.get(participant.toLowerCase());
        return m != null && m.claimed.contains(r);
    }

    synchronized BigInteger rewardsOf(String account) {
        Member m = members.get(account.toLowerCase());
        return m == null ? ZERO : m.rewards;
    }

    synchronized List<Finalized> finalized() {
        return List.copyOf(finalized);
    }

    synchronized List<Revealed> revealed(long r) {
        return List.copyOf(revealed.getOrDefault(r, List.of()));
    }

    synchronized List<String> committers(long r) {
        return List.copyOf(committers.getOrDefault(r, List.of()));
    }

    synchronized List<Vote> votes(long r) {
        return List.copyOf(votes.getOrDefault(r, List.of()));
    }

    /** Every slash so far, in order. */
    synchronized List<Slash> slashes() {
        return List.copyOf(slashes);
    }

    /** Every phase opened so far, e.g. {@code "1 COMMIT by 0x...a11ce at 1700000060"}, in order. */
    synchronized List<String> transitions() {
        return List.copyOf(transitions);
    }

    synchronized BigInteger pool() {
        return pool;
    }

    // ----- actions (Membership, Rounds, Voting, Slashing, Rewards) -----

    synchronized void join(String account, BigInteger amount) {
        if (phase == TaskPhase.NONE || phase == TaskPhase.COMPLETED) {
            throw Reverts.of("MembershipClosed", new Uint8(phase.ordinal()));
        }
        Member existing = members.get(account);
        if (existing != null) {
            throw Reverts.of("MembershipAlreadyJoined", new Address(account), new Uint8(existing.status.ordinal()));
        }
        if (amount.compareTo(rules.minStake()) < 0) {
            throw Reverts.of("MembershipStakeTooLow", new Uint256(amount), new Uint256(rules.minStake()));
        }
        Member m = new Member();
        m.stake = amount;
        m.joinRound = round + 1;
        members.put(account, m);
        nextActiveCount++;
        mined();
    }

    synchronized void requestLeave(String account) {
        Member m = members.get(account);
        Status status = m == null ? Status.NONE : m.status;
        if (status != Status.ACTIVE && status != Status.SUSPENDED) {
            throw Reverts.of("MembershipWrongStatus", new Address(account), new Uint8(status.ordinal()));
        }
        if (m.exitRound == 0) {
            m.exitRound = round + 1;
            nextActiveCount--;
        }
        m.status = Status.LEAVING;
        mined();
    }

    synchronized void advance(String account) {
        if (phase == TaskPhase.NONE || phase == TaskPhase.COMPLETED) {
            throw Reverts.of("RoundsNotRunning", new Uint8(phase.ordinal()));
        }
        if (now < deadline) {
            throw Reverts.of("RoundsPhaseNotOver", new Uint256(round), new Uint8(phase.ordinal()), new Uint256(deadline));
        }
        switch (phase) {
            case REGISTRATION -> startNextRound(account);
            case COMMIT -> {
                if (committedCount == 0) {
                    failRound(RoundRecord.Status.FAILED_NO_COMMITS, account);
                } else {
                    openPhase(TaskPhase.REVEAL, rules.reveal(), account);
                }
            }
            case REVEAL -> closeReveal(account);
            default -> failRound(RoundRecord.Status.FAILED_NO_QUORUM, account);
        }
        mined();
    }

    synchronized void commit(String account, byte[] commitment) {
        requirePhase(TaskPhase.COMMIT);
        Member m = members.get(account);
        if (m == null || !m.info().activeIn(round)) {
            throw Reverts.of("RoundsNotActive", new Address(account), new Uint256(round));
        }
        if (m.commitRound == round) {
            throw Reverts.of("RoundsAlreadyCommitted", new Address(account), new Uint256(round));
        }
        settleBeforeCommit(account, m);
        m.commitRound = round;
        m.commitment = commitment.clone();
        m.noRevealSettled = false;
        committers.computeIfAbsent(round, r -> new ArrayList<>()).add(account);
        committedCount++;
        if (committedCount == activeCount) {
            openPhase(TaskPhase.REVEAL, rules.reveal(), account);
        }
        mined();
    }

    synchronized void reveal(String account, Cid update, long numSamples, byte[] salt) {
        requirePhase(TaskPhase.REVEAL);
        Member m = members.get(account);
        if (m != null && m.revealRound == round) {
            throw Reverts.of("RoundsAlreadyRevealed", new Address(account), new Uint256(round));
        }
        if (m == null || m.commitRound != round) {
            throw Reverts.of("RoundsNotCommitted", new Address(account), new Uint256(round));
        }
        byte[] opened = TaskClient.commitment(update.digest(), numSamples, salt, account, ADDRESS, round);
        if (!Arrays.equals(opened, m.commitment)) {
            throw Reverts.of("RoundsCommitmentMismatch", new Address(account), new Uint256(round));
        }
        if (numSamples == 0 || numSamples > rules.sampleCap()) {
            throw Reverts.of("RoundsInvalidSampleCount", new Uint256(numSamples), new Uint256(rules.sampleCap()));
        }
        BigInteger bond = rules.stakePerSample().multiply(BigInteger.valueOf(numSamples));
        if (m.stake.signum() == 0 || m.stake.compareTo(bond) < 0) {
            throw Reverts.of("RoundsInsufficientBond", new Uint256(m.stake), new Uint256(bond));
        }
        m.revealRound = round;
        revealedCount++;
        revealedStake = revealedStake.add(m.stake);
        revealed.computeIfAbsent(round, r -> new ArrayList<>()).add(new Revealed(account, round, numSamples, m.stake, update));
        if (revealedCount == committedCount) {
            closeReveal(account);
        }
        mined();
    }

    synchronized void vote(String account, Cid aggregate, byte[] weightsRoot, BigInteger totalWeight) {
        requirePhase(TaskPhase.VOTE);
        if (Arrays.equals(weightsRoot, new byte[32])) {
            throw Reverts.of("VotingZeroWeightsRoot");
        }
        Member m = members.get(account);
        if (m == null || m.revealRound != round) {
            throw Reverts.of("VotingNotRevealed", new Address(account), new Uint256(round));
        }
        if (m.voteRound == round) {
            throw Reverts.of("VotingAlreadyVoted", new Address(account), new Uint256(round));
        }
        if (wrongVoteLiable(m)) {
            m.claimed.add(m.voteRound);
            slash(account, m, m.voteRound, SlashKind.WRONG_VOTE, rules.wrongVoteSlashBps(), null);
        }
        byte[] id = outcomeId(aggregate, weightsRoot, totalWeight);
        Tally tally = tallies.stream().filter(t -> Arrays.equals(t.id, id)).findFirst().orElse(null);
        if (tally == null) {
            tally = new Tally(id, tallies.size() + 1);
            tallies.add(tally);
        }
        tally.stake = tally.stake.add(m.stake);
        votedCount++;
        m.voteRound = round;
        m.voteOrdinal = tally.ordinal;
        m.wrongVoteSettled = false;
        votes.computeIfAbsent(round, r -> new ArrayList<>()).add(new Vote(account, round, id, tally.ordinal));
        if (tally.stake.multiply(bps(BPS)).compareTo(revealedStake.multiply(bps(rules.quorumBps()))) >= 0) {
            finalizeRound(aggregate, weightsRoot, totalWeight, tally.ordinal, account);
        } else if (votedCount == revealedCount) {
            failRound(RoundRecord.Status.FAILED_NO_QUORUM, account);
        }
        mined();
    }

    synchronized void slash(String reporter, String offender, SlashKind kind) {
        String p = offender.toLowerCase();
        if (p.equals(reporter)) {
            throw Reverts.of("SlashingSelfReport");
        }
        Member m = members.get(p);
        switch (kind) {
            case NO_REVEAL -> {
                if (m == null || !noRevealLiable(m)) {
                    throw Reverts.of("SlashingNoEvidence", new Address(p), new Uint8(kind.ordinal()));
                }
                m.noRevealSettled = true;
                slashReported(p, m, m.commitRound, kind, rules.noRevealSlashBps(), reporter);
            }
            case WRONG_VOTE -> {
                if (m == null || !wrongVoteLiable(m)) {
                    throw Reverts.of("SlashingNoEvidence", new Address(p), new Uint8(kind.ordinal()));
                }
                m.wrongVoteSettled = true;
                m.claimed.add(m.voteRound);
                slashReported(p, m, m.voteRound, kind, rules.wrongVoteSlashBps(), reporter);
            }
            case MISSED_ROUNDS -> {
                long lastMissed = m == null ? 0 : lastMissed(m);
                if (lastMissed == 0) {
                    throw Reverts.of("SlashingNoEvidence", new Address(p), new Uint8(kind.ordinal()));
                }
                m.missSettledRound = lastMissed;
                slashReported(p, m, lastMissed, kind, rules.missedRoundsSlashBps(), reporter);
                suspend(m);
            }
            case REJECTED_UPDATE -> throw new IllegalArgumentException("a rejected update is reported with its proof");
        }
        mined();
    }

    synchronized void slashRejectedUpdate(String reporter, String offender, long r, BigInteger weight,
                                          List<byte[]> proof) {
        String p = offender.toLowerCase();
        if (p.equals(reporter)) {
            throw Reverts.of("SlashingSelfReport");
        }
        RoundRecord record = roundRecord(r);
        if (!record.finalized()) {
            throw Reverts.of("SlashingRoundNotFinalized", new Uint256(r));
        }
        Member m = members.get(p);
        if (m != null && m.rejectionSlashed.contains(r)) {
            throw Reverts.of("SlashingAlreadySlashed", new Address(p), new Uint256(r),
                    new Uint8(SlashKind.REJECTED_UPDATE.ordinal()));
        }
        if (m == null || !WeightsTree.verify(proof, record.weightsRoot(), WeightsTree.leafHash(
                new Contribution(p, false, weight)))) {
            throw Reverts.of("SlashingInvalidProof", new Uint256(r));
        }
        m.rejectionSlashed.add(r);
        slashReported(p, m, r, SlashKind.REJECTED_UPDATE, rules.rejectedSlashBps(), reporter);
        mined();
    }

    /** Credits the claimed rounds' shares, all or none (a refused round refuses the transaction). */
    synchronized void claim(String account, List<RewardClaim> claims) {
        if (claims.isEmpty()) {
            throw Reverts.of("RewardsLengthMismatch");
        }
        Member m = members.get(account);
        Set<Long> claiming = new HashSet<>();
        BigInteger total = ZERO;
        for (RewardClaim c : claims) {
            RoundRecord record = roundRecord(c.round());
            if (!record.finalized()) {
                throw Reverts.of("RewardsRoundNotFinalized", new Uint256(c.round()));
            }
            if (c.weight().signum() == 0) {
                throw Reverts.of("RewardsZeroWeight", new Uint256(c.round()));
            }
            if (m != null && c.round() == m.voteRound && m.voteOrdinal != record.winningOrdinal()) {
                throw Reverts.of("RewardsForfeited", new Uint256(c.round()));
            }
            if (c.weight().compareTo(record.totalWeight()) > 0) {
                throw Reverts.of("RewardsWeightTooLarge", new Uint256(c.round()), new Uint256(c.weight()),
                        new Uint256(record.totalWeight()));
            }
            if ((m != null && m.claimed.contains(c.round())) || !claiming.add(c.round())) {
                throw Reverts.of("RewardsAlreadyClaimed", new Uint256(c.round()));
            }
            if (m == null || !WeightsTree.verify(c.proof(), record.weightsRoot(), WeightsTree.leafHash(
                    new Contribution(account, true, c.weight())))) {
                throw Reverts.of("RewardsInvalidProof", new Uint256(c.round()));
            }
            total = total.add(record.reward().multiply(c.weight()).divide(record.totalWeight()));
        }
        m.claimed.addAll(claiming);
        m.rewards = m.rewards.add(total);
        mined();
    }

    // ----- the phase machine -----

    private void requirePhase(TaskPhase expected) {
        if (phase != expected) {
            throw Reverts.of("RoundsNotInPhase", new Uint256(round), new Uint8(expected.ordinal()),
                    new Uint8(phase.ordinal()));
        }
        if (now >= deadline) {
            throw Reverts.of("RoundsPhaseExpired", new Uint256(round), new Uint8(phase.ordinal()), new Uint256(deadline));
        }
    }

    private void openPhase(TaskPhase next, Duration duration, String by) {
        phase = next;
        deadline = now + duration.toSeconds();
        transitions.add(round + " " + next + " by " + by + " at " + now);
        intercepts.phaseOpened(round, next);
    }

    private void startNextRound(String by) {
        if (round >= rules.numRounds()) {
            phase = TaskPhase.COMPLETED;
            deadline = 0;
            transitions.add(round + " COMPLETED by " + by + " at " + now);
            intercepts.phaseOpened(round, phase);
            return;
        }
        round++;
        activeCount = nextActiveCount;
        committedCount = 0;
        revealedCount = 0;
        votedCount = 0;
        revealedStake = ZERO;
        tallies.clear();
        openPhase(TaskPhase.COMMIT, rules.commit(), by);
    }

    private void closeReveal(String by) {
        if (revealedCount < rules.minRevealers()) {
            failRound(RoundRecord.Status.FAILED_NO_REVEALS, by);
        } else {
            openPhase(TaskPhase.VOTE, rules.vote(), by);
        }
    }

    private void failRound(RoundRecord.Status reason, String by) {
        records.put(round, new RoundRecord(reason, new byte[32], ZERO, ZERO, now, 0));
        startNextRound(by);
    }

    private void finalizeRound(Cid aggregate, byte[] root, BigInteger totalWeight, long ordinal, String by) {
        BigInteger reward = ZERO;
        if (totalWeight.signum() != 0) {
            reward = pool.divide(BigInteger.valueOf(rules.numRounds() - round + 1));
            pool = pool.subtract(reward);
        }
        records.put(round, new RoundRecord(RoundRecord.Status.FINALIZED, root, reward, totalWeight, now, ordinal));
        finalized.add(new Finalized(round, aggregate, root.clone(), totalWeight, reward));
        startNextRound(by);
    }

    private static byte[] outcomeId(Cid aggregate, byte[] root, BigInteger totalWeight) {
        byte[] cid = aggregate.bytes();
        byte[] packed = new byte[cid.length + 64];
        System.arraycopy(cid, 0, packed, 0, cid.length);
        System.arraycopy(root, 0, packed, cid.length, 32);
        byte[] weight = totalWeight.toByteArray();
        int skip = weight.length > 32 ? weight.length - 32 : 0;
        System.arraycopy(weight, skip, packed, packed.length - (weight.length - skip), weight.length - skip);
        return Hash.sha3(packed);
    }

    // ----- slashing (Slashing.sol) -----

    /** The contract settles a missed reveal and missed rounds itself when the participant commits again. */
    private void settleBeforeCommit(String account, Member m) {
        if (m.commitRound != 0 && m.revealRound != m.commitRound && !m.noRevealSettled) {
            slash(account, m, m.commitRound, SlashKind.NO_REVEAL, rules.noRevealSlashBps(), null);
        }
        long start = Math.max(Math.max(m.commitRound + 1, m.joinRound), m.missSettledRound + 1);
        if (round > start + rules.missTolerance()) {
            m.missSettledRound = round - 1;
            slash(account, m, round - 1, SlashKind.MISSED_ROUNDS, rules.missedRoundsSlashBps(), null);
        }
    }

    private boolean noRevealLiable(Member m) {
        if (m.commitRound == 0 || m.revealRound == m.commitRound || m.noRevealSettled) {
            return false;
        }
        return m.commitRound < round || phase == TaskPhase.VOTE || phase == TaskPhase.COMPLETED;
    }

    private boolean wrongVoteLiable(Member m) {
        if (m.voteRound == 0 || m.wrongVoteSettled) {
            return false;
        }
        RoundRecord record = roundRecord(m.voteRound);
        return record.finalized() && record.winningOrdinal() != m.voteOrdinal;
    }

    /** The last round of a run of more than the tolerated missed rounds, or 0 if none. */
    private long lastMissed(Member m) {
        if (m.joinRound == 0 || phase == TaskPhase.REGISTRATION) {
            return 0;
        }
        long last = phase == TaskPhase.COMMIT ? round - 1 : round;
        if (m.exitRound != 0 && m.exitRound - 1 < last) {
            last = m.exitRound - 1;
        }
        long start = Math.max(Math.max(m.joinRound, m.commitRound + 1), m.missSettledRound + 1);
        return last >= start && last - start + 1 > rules.missTolerance() ? last : 0;
    }

    private void slashReported(String offender, Member m, long r, SlashKind kind, int slashBps, String reporter) {
        if (slash(offender, m, r, kind, slashBps, reporter).signum() == 0) {
            throw Reverts.of("SlashingNothingToSlash", new Address(offender));
        }
    }

    private BigInteger slash(String offender, Member m, long r, SlashKind kind, int slashBps, String reporter) {
        BigInteger amount = m.stake.multiply(bps(slashBps)).divide(bps(BPS));
        if (amount.signum() == 0) {
            return amount;
        }
        BigInteger bounty = reporter == null ? ZERO : amount.multiply(bps(rules.reporterBountyBps())).divide(bps(BPS));
        m.stake = m.stake.subtract(amount);
        pool = pool.add(amount.subtract(bounty));
        if (reporter != null) {
            Member r2 = members.get(reporter);
            if (r2 != null) {
                r2.rewards = r2.rewards.add(bounty);
            }
        }
        slashes.add(new Slash(offender, r, kind, amount, reporter));
        if (m.stake.compareTo(rules.minStake()) < 0) {
            suspend(m);
        }
        return amount;
    }

    private void suspend(Member m) {
        if (m.exitRound != 0) {
            return;
        }
        m.exitRound = round + 1;
        nextActiveCount--;
        m.status = Status.SUSPENDED;
    }

    private static BigInteger bps(int value) {
        return BigInteger.valueOf(value);
    }

    /** What the contract holds about one member. */
    private static final class Member {
        Status status = Status.ACTIVE;
        BigInteger stake = ZERO;
        BigInteger rewards = ZERO;
        long joinRound;
        long exitRound;
        long commitRound;
        byte[] commitment;
        boolean noRevealSettled;
        long revealRound;
        long voteRound;
        long voteOrdinal;
        boolean wrongVoteSettled;
        long missSettledRound;
        final Set<Long> claimed = new HashSet<>();
        final Set<Long> rejectionSlashed = new HashSet<>();

        ParticipantInfo info() {
            return new ParticipantInfo(status, stake, rewards, joinRound, exitRound, commitRound, revealRound,
                    voteRound, 0);
        }
    }

    /** Stake voted for one outcome of the running round. */
    private static final class Tally {
        final byte[] id;
        final long ordinal;
        BigInteger stake = ZERO;

        Tally(byte[] id, long ordinal) {
            this.id = id;
            this.ordinal = ordinal;
        }
    }
}
