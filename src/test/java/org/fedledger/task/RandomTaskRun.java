package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.RewardClaim;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskPhase;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.outcome.Contribution;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One seeded random sequence of calls against a fresh task: joins, top-ups, honest and junk
 * commits, right and wrong reveals, honest and dissenting votes, advances after time jumps,
 * claims (valid and forged), withdrawals, leaves and slash reports by anyone. Reverts are
 * expected as long as they are the protocol's named errors (no panic, no bare revert). After
 * every call, reverted or not, it checks the conservation law (against the contract's books and
 * an independent balance read), that the stakes add up to the books' total and never exceed
 * what their owner put in, and that the credited balances add up to the books' credited
 * rewards. Account 6's updates are always rejected by the honest outcome, so rejected-update
 * slashes happen too.
 */
final class RandomTaskRun {
    private static final int PARTICIPANTS = 6;
    private static final int REPORTER = 7;
    private static final int REJECTED = 6;
    /** ParticipantStatus.Leaving. */
    private static final int LEAVING = 3;

    /** What a call can be, with its relative frequency. */
    enum Action {
        JOIN(5), TOP_UP(4), COMMIT(18), REVEAL(16), VOTE(18), ADVANCE(10), CLAIM(8), WITHDRAW_REWARDS(4),
        REQUEST_LEAVE(2), WITHDRAW_STAKE(3), SLASH(12), RECLAIM_POOL(2);

        final int weight;

        Action(int weight) {
            this.weight = weight;
        }
    }

    private final TaskHarness harness;
    private final TestTask task;
    private final SplittableRandom random;
    private final long seed;
    private final List<Participant> accounts = new ArrayList<>();
    private final Participant reporter;
    private final Map<Participant, BigInteger> putIn = new LinkedHashMap<>();
    private final Set<Participant> withdrawn = new HashSet<>();
    /** Who committed a junk commitment in which round: they cannot reveal it. */
    private final Set<String> junkCommits = new HashSet<>();
    private final Map<Long, Outcome> finalized = new HashMap<>();
    private final Map<Long, List<Outcome>> voted = new HashMap<>();
    private final Map<Action, int[]> tally = new EnumMap<>(Action.class);
    private final Map<String, Integer> refusals = new TreeMap<>();
    /** The state read by the last check: nothing changes it before the next call. */
    private final Map<Participant, FederatedTask.ParticipantInfo> infos = new HashMap<>();
    private RoundPosition position;
    private int step;

    RandomTaskRun(TaskHarness harness, TestTask task, long seed) {
        this.harness = harness;
        this.task = task;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        for (int i = 1; i <= PARTICIPANTS; i++) {
            accounts.add(task.participant(i));
        }
        this.reporter = task.participant(REPORTER);
        for (Action a : Action.values()) {
            tally.put(a, new int[2]);
        }
    }

    /** Successful and refused calls per action. */
    Map<Action, int[]> tally() {
        return tally;
    }

    /** Refused calls by action and custom error, e.g. {@code VOTE RoundsNotInPhase -> 3}. */
    Map<String, Integer> refusals() {
        return refusals;
    }

    int finalizedRounds() {
        return finalized.size();
    }

    /** Four accounts join during registration; then {@code calls} random calls. */
    void run(int calls) throws Exception {
        check("creation");
        for (Participant p : accounts.subList(0, 4)) {
            attempt(Action.JOIN, () -> join(p));
        }
        task.start();
        check("start");
        for (step = 1; step <= calls; step++) {
            Action action = pick();
            attempt(action, () -> perform(action));
        }
    }

    /**
     * Mostly the move the current phase expects (commit, reveal, vote; advance once nobody is left
     * to make it), so that rounds do progress; otherwise any action, in or out of turn.
     */
    private Action pick() throws Exception {
        TaskPhase phase = position.phase();
        Action expected = switch (phase) {
            case COMMIT -> Action.COMMIT;
            case REVEAL -> Action.REVEAL;
            case VOTE -> Action.VOTE;
            default -> null;
        };
        if (expected != null && random.nextInt(100) < 65) {
            return pending(expected).isEmpty() ? Action.ADVANCE : expected;
        }
        return anyAction();
    }

    /** The members that have not yet made {@code move} in the current round though they could. */
    private List<Participant> pending(Action move) throws Exception {
        long round = position.round();
        List<Participant> pending = new ArrayList<>();
        for (Participant p : putIn.keySet()) {
            FederatedTask.ParticipantInfo info = infos.get(p);
            long join = info.joinRound.longValueExact();
            long exit = info.exitRound.longValueExact();
            boolean active = join != 0 && join <= round && (exit == 0 || round < exit);
            boolean can = switch (move) {
                case COMMIT -> active && info.commitRound.longValueExact() != round;
                case REVEAL -> info.commitRound.longValueExact() == round && info.revealRound.longValueExact() != round
                        && !junkCommits.contains(p.index() + "/" + round);
                case VOTE -> info.revealRound.longValueExact() == round && info.voteRound.longValueExact() != round;
                default -> false;
            };
            if (can) {
                pending.add(p);
            }
        }
        return pending;
    }

    /** Usually someone who still has to make {@code move}; sometimes anyone. */
    private Participant actor(Action move) throws Exception {
        List<Participant> pending = pending(move);
        return pending.isEmpty() || random.nextInt(100) < 15 ? anyMember() : pending.get(random.nextInt(pending.size()));
    }

    private void attempt(Action action, ThrowingCallable body) throws Exception {
        Throwable thrown = catchThrowable(body);
        if (thrown == null) {
            tally.get(action)[0]++;
        } else if (thrown instanceof ContractRevertException revert) {
            assertThat(revert.errorName()).as("seed %d, step %d (%s): a refusal is one of the protocol's custom errors, not %s",
                    seed, step, action, revert.getMessage()).isPresent().get().isNotIn("Panic", "Error");
            tally.get(action)[1]++;
            refusals.merge(action + " " + revert.errorName().orElse("?"), 1, Integer::sum);
        } else {
            throw new AssertionError("seed " + seed + ", step " + step + " (" + action + "): " + thrown, thrown);
        }
        check(action.name());
    }

    private Action anyAction() {
        int total = 0;
        for (Action a : Action.values()) {
            total += a.weight;
        }
        int r = random.nextInt(total);
        for (Action a : Action.values()) {
            r -= a.weight;
            if (r < 0) {
                return a;
            }
        }
        throw new IllegalStateException();
    }

    private Participant anyAccount() {
        return accounts.get(random.nextInt(accounts.size()));
    }

    private Participant anyMember() {
        List<Participant> members = new ArrayList<>(putIn.keySet());
        return members.isEmpty() ? anyAccount() : members.get(random.nextInt(members.size()));
    }

    private void perform(Action action) throws Exception {
        switch (action) {
            case JOIN -> join(anyAccount());
            case TOP_UP -> topUp(anyMember());
            case COMMIT -> commit(actor(Action.COMMIT));
            case REVEAL -> reveal(actor(Action.REVEAL));
            case VOTE -> vote(actor(Action.VOTE));
            case ADVANCE -> advance();
            case CLAIM -> claim(anyMember());
            case WITHDRAW_REWARDS -> withdrawRewards();
            case REQUEST_LEAVE -> anyMember().client().requestLeave();
            case WITHDRAW_STAKE -> withdrawStake(leaver());
            case SLASH -> slash();
            case RECLAIM_POOL -> task.contract().reclaimPool().send();
        }
    }

    private void join(Participant p) throws Exception {
        BigInteger min = task.terms().minStake();
        BigInteger stake = random.nextInt(10) == 0 ? min.subtract(BigInteger.ONE)
                : min.multiply(BigInteger.valueOf(1 + random.nextInt(3))).add(BigInteger.valueOf(random.nextInt(1_000)));
        harness.fund(p.address(), stake);
        TransactionReceipt receipt = p.client().join(stake);
        putIn.merge(p, FederatedTask.getJoinedEvents(receipt).get(0).amount, BigInteger::add);
    }

    private void topUp(Participant p) throws Exception {
        BigInteger amount = TaskHarness.TOKEN.multiply(BigInteger.valueOf(1 + random.nextInt(20)));
        harness.fund(p.address(), amount);
        TransactionReceipt receipt = p.client().topUp(amount);
        putIn.merge(p, FederatedTask.getStakeToppedUpEvents(receipt).get(0).amount, BigInteger::add);
    }

    private void commit(Participant p) throws Exception {
        if (random.nextInt(100) < 85) {
            task.commit(p);
        } else {
            p.client().commit(bytes(32)); // a commitment nobody can open: a no-reveal liability
            junkCommits.add(p.index() + "/" + position.round());
        }
    }

    private void reveal(Participant p) throws Exception {
        TestTask.Update u = task.update(p);
        byte[] salt = random.nextInt(10) == 0 ? bytes(32) : u.salt();
        p.client().reveal(u.cid(), u.samples(), salt);
    }

    private void vote(Participant p) throws Exception {
        long round = position.round();
        Outcome outcome = random.nextInt(100) < 85 ? honestOutcome() : task.junkOutcome("junk " + random.nextInt(2));
        voted.computeIfAbsent(round, r -> new ArrayList<>()).add(outcome);
        TransactionReceipt receipt = task.vote(p, outcome);
        for (FederatedTask.RoundFinalizedEventResponse e : FederatedTask.getRoundFinalizedEvents(receipt)) {
            finalized.put(e.round.longValueExact(), voted.get(e.round.longValueExact()).stream()
                    .filter(o -> Arrays.equals(o.root(), e.weightsRoot)).findFirst().orElseThrow());
        }
    }

    /** The honest outcome: every revealer of the round accepted with its samples, except account 6. */
    private Outcome honestOutcome() throws Exception {
        long round = position.round();
        List<Contribution> leaves = new ArrayList<>();
        for (Participant p : putIn.keySet()) {
            if (infos.get(p).revealRound.longValueExact() == round) {
                leaves.add(p.index() == REJECTED ? TestTask.rejected(p) : task.accepted(p));
            }
        }
        if (leaves.isEmpty()) {
            leaves.add(TestTask.rejected(anyAccount()));
        }
        return task.outcome(leaves);
    }

    private void advance() throws Exception {
        if (random.nextInt(5) != 0 && position.phase() != TaskPhase.COMPLETED) {
            task.expire();
        }
        task.creator().advance();
    }

    private void claim(Participant p) throws Exception {
        List<RewardClaim> claims = new ArrayList<>();
        for (Map.Entry<Long, Outcome> round : finalized.entrySet()) {
            if (leafOf(round.getValue(), p) != null && random.nextBoolean()) {
                claims.add(round.getValue().claimOf(p));
            }
        }
        if (claims.isEmpty() || random.nextInt(10) == 0) {
            claims.add(new RewardClaim(1 + random.nextInt(task.terms().numRounds()),
                    BigInteger.valueOf(1 + random.nextInt(500)), List.of(bytes(32))));
        }
        p.client().claim(claims);
    }

    private void withdrawRewards() throws Exception {
        int who = random.nextInt(accounts.size() + 2);
        TaskClient client = who < accounts.size() ? accounts.get(who).client()
                : who == accounts.size() ? reporter.client() : task.creator();
        client.withdrawRewards();
    }

    /** Usually a member that is leaving, if there is one. */
    private Participant leaver() {
        List<Participant> leaving = putIn.keySet().stream()
                .filter(p -> infos.get(p).status.intValueExact() == LEAVING).toList();
        return leaving.isEmpty() || random.nextInt(5) == 0 ? anyMember() : leaving.get(random.nextInt(leaving.size()));
    }

    private void withdrawStake(Participant p) throws Exception {
        long unlock = task.contract().unlockTime(p.address()).send().longValueExact();
        if (unlock > 0 && random.nextInt(4) != 0) {
            harness.jumpTo(unlock);
        }
        p.client().withdrawStake();
        withdrawn.add(p);
    }

    /** A report by anyone: usually of a liability that exists, sometimes of a random one. */
    private void slash() throws Exception {
        List<Report> liable = liabilities();
        Report report;
        if (!liable.isEmpty() && random.nextInt(100) < 80) {
            report = liable.get(random.nextInt(liable.size()));
        } else {
            SlashKind kind = SlashKind.values()[random.nextInt(SlashKind.values().length)];
            List<Long> rounds = new ArrayList<>(finalized.keySet());
            report = new Report(anyMember(), kind, rounds.isEmpty() ? 1 : rounds.get(random.nextInt(rounds.size())));
        }
        Participant offender = report.offender();
        int r = random.nextInt(10);
        TaskClient by = r < 7 ? reporter.client() : r < 9 ? anyMember().client() : offender.client();
        switch (report.kind()) {
            case NO_REVEAL -> by.slashNoReveal(offender.address());
            case WRONG_VOTE -> by.slashWrongVote(offender.address());
            case MISSED_ROUNDS -> by.slashMissedRounds(offender.address());
            case REJECTED_UPDATE -> {
                Outcome outcome = finalized.get(report.round());
                boolean inTree = outcome != null && leafOf(outcome, offender) != null;
                by.slashRejectedUpdate(offender.address(), report.round(),
                        inTree ? outcome.weightOf(offender) : BigInteger.ZERO, inTree ? outcome.proofOf(offender) : List.of());
            }
        }
    }

    /** A slash report to try. */
    private record Report(Participant offender, SlashKind kind, long round) {}

    /** The reports that would succeed now, by the contract's views and the finalized trees. */
    private List<Report> liabilities() throws Exception {
        List<Report> liable = new ArrayList<>();
        for (Participant p : putIn.keySet()) {
            for (SlashKind kind : List.of(SlashKind.NO_REVEAL, SlashKind.WRONG_VOTE, SlashKind.MISSED_ROUNDS)) {
                if (task.slashable(p, kind)) {
                    liable.add(new Report(p, kind, 0));
                }
            }
            for (Map.Entry<Long, Outcome> round : finalized.entrySet()) {
                Contribution leaf = leafOf(round.getValue(), p);
                if (leaf != null && !leaf.accepted()
                        && !task.contract().isRejectionSlashed(p.address(), BigInteger.valueOf(round.getKey())).send()) {
                    liable.add(new Report(p, SlashKind.REJECTED_UPDATE, round.getKey()));
                }
            }
        }
        return liable;
    }

    private static Contribution leafOf(Outcome outcome, Participant p) {
        return outcome.tree().leaves().stream().filter(c -> c.participant().equalsIgnoreCase(p.address()))
                .findFirst().orElse(null);
    }

    private void check(String action) throws Exception {
        String context = "seed " + seed + ", step " + step + " (" + action + ")";
        FederatedTask.Accounting books = task.accounting();
        BigInteger balance = harness.balanceOf(task.address());
        assertThat(books.balance).as("%s: accounting().balance vs balanceOf(task)", context).isEqualTo(balance);
        assertThat(books.totalStaked.add(books.allocatedRewards).add(books.creditedRewards).add(books.pool))
                .as("%s: totalStaked + allocated + credited + pool", context).isEqualTo(balance);
        BigInteger stakes = BigInteger.ZERO;
        BigInteger credited = task.rewardsOf(reporter.address()).add(task.rewardsOf(harness.creator().getAddress()));
        position = task.position();
        for (Participant p : accounts) {
            FederatedTask.ParticipantInfo info = task.info(p);
            infos.put(p, info);
            BigInteger in = putIn.getOrDefault(p, BigInteger.ZERO);
            assertThat(info.stake).as("%s: stake of %s", context, p).isBetween(BigInteger.ZERO, in);
            if (withdrawn.contains(p)) {
                assertThat(info.stake).as("%s: stake of %s after withdrawal", context, p).isZero();
            }
            stakes = stakes.add(info.stake);
            credited = credited.add(info.rewards);
        }
        assertThat(stakes).as("%s: sum of stakes", context).isEqualTo(books.totalStaked);
        assertThat(credited).as("%s: sum of credited balances", context).isEqualTo(books.creditedRewards);
    }

    private byte[] bytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }
}
