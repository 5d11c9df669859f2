package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.fedledger.participant.TaskFixture.address;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.fedledger.adversary.Attack;
import org.fedledger.adversary.Deviation;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RewardClaim;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.outcome.Contribution;
import org.fedledger.storage.Cid;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each adversary behaviour ({@link Attack}) costs its participant when it runs against
 * honest participants through the real task contract and IPFS node: every participant runs the
 * whole protocol on its own thread; the consequences are read back from the chain's events and
 * checked against the outcome of every round recomputed from the revealed files.
 *
 * <p>Model poisoners (valid files, bad updates) are left out by Multi-Krum (with {@code f} = the
 * number of attackers, {@code m = N - f}, and {@code N > 2f + 2}): accepted with weight 0, never
 * slashed, paid nothing. Under FedAvg, which averages every update in, the agreement score alone
 * gives a sign flip, noise and a label flip weight 0. Invalid files are rejected and slashed
 * every round; protocol cheats (a missing reveal, a forged vote, rounds missed) are slashed by
 * the evidence the contract keeps, and a forged vote forfeits the round's reward. Honest
 * participants are never slashed and are paid exactly by their weights (plus the bounties of
 * their reports).
 *
 * <p>Participants 1..H are honest; the attackers follow and stake {@link TaskFixture#ATTACKER_STAKE}
 * so that one slash leaves them active in the next round. The data is split IID.
 */
@LocalServices
class AttackConsequencesIT {
    private static final String NOBODY = "0x0000000000000000000000000000000000000000";

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void modelPoisonersFarFromTheCrowdAreLeftOutOfEveryRoundAndEarnNothing(TestDevnet devnet, TestIpfs ipfs,
                                                                        @TempDir Path dir) throws Exception {
        int honest = 6;
        List<Attack> attacks = List.of(Attack.SIGN_FLIP, Attack.BOOST, Attack.NOISE);
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, honest + attacks.size(), 2,
                "multi-krum:f=3,m=6")) {
            runAll(fixture, dir, honest, attacks);

            List<TaskFixture.RoundOutcome> outcomes = assertEveryRoundFinalized(fixture, 2);
            for (int a = 0; a < attacks.size(); a++) {
                assertWeighsNothingAndIsPaidNothing(fixture, outcomes, address(honest + 1 + a), attacks.get(a));
            }
            assertThat(fixture.events().slashes()).isEmpty();
            assertHonestPaidByTheirWeights(fixture, outcomes, honest);
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void underFedAvgSignFlipNoiseAndLabelFlipAreAveragedInButAgreeWithNothingAndEarnNothing(TestDevnet devnet,
            TestIpfs ipfs, @TempDir Path dir) throws Exception {
        int honest = 6;
        List<Attack> attacks = List.of(Attack.SIGN_FLIP, Attack.NOISE, Attack.LABEL_FLIP);
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, honest + attacks.size(), 2, "fedavg")) {
            runAll(fixture, dir, honest, attacks);

            List<TaskFixture.RoundOutcome> outcomes = assertEveryRoundFinalized(fixture, 2);
            for (int a = 0; a < attacks.size(); a++) {
                assertWeighsNothingAndIsPaidNothing(fixture, outcomes, address(honest + 1 + a), attacks.get(a));
            }
            assertThat(fixture.events().slashes()).isEmpty();
            assertHonestPaidByTheirWeights(fixture, outcomes, honest);
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void colludersVouchingForEachOtherAreLeftOutOfEveryRoundAndEarnNothing(TestDevnet devnet, TestIpfs ipfs,
                                                                          @TempDir Path dir) throws Exception {
        int honest = 5;
        List<Attack> attacks = List.of(Attack.COLLUDE, Attack.COLLUDE);
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, honest + attacks.size(), 2,
                "multi-krum:f=2,m=5")) {
            runAll(fixture, dir, honest, attacks);

            List<TaskFixture.RoundOutcome> outcomes = assertEveryRoundFinalized(fixture, 2);
            for (int a = 0; a < attacks.size(); a++) {
                assertWeighsNothingAndIsPaidNothing(fixture, outcomes, address(honest + 1 + a), Attack.COLLUDE);
            }
            // near-identical, yet not copies of each other (copies would score 0 for that alone)
            for (TaskEvents.Finalized f : fixture.events().finalized()) {
                List<TaskEvents.Revealed> colluders = fixture.events().revealed(f.round()).stream()
                        .filter(r -> r.participant().equals(address(honest + 1))
                                || r.participant().equals(address(honest + 2))).toList();
                assertThat(colluders).hasSize(2);
                assertThat(colluders.get(0).cid()).isNotEqualTo(colluders.get(1).cid());
            }
            assertThat(fixture.events().slashes()).isEmpty();
            assertHonestPaidByTheirWeights(fixture, outcomes, honest);
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void labelFlipperIsLeftOutAndCopierIsSlashedForResubmittingTheGlobalModelThenLeftOut(
            TestDevnet devnet, TestIpfs ipfs, @TempDir Path dir) throws Exception {
        int honest = 5;
        String labelFlipper = address(honest + 1);
        String copier = address(honest + 2);
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, honest + 2, 2, "multi-krum:f=2,m=5")) {
            runAll(fixture, dir, honest, List.of(Attack.LABEL_FLIP, Attack.COPY));

            List<TaskFixture.RoundOutcome> outcomes = assertEveryRoundFinalized(fixture, 2);
            assertWeighsNothingAndIsPaidNothing(fixture, outcomes, labelFlipper, Attack.LABEL_FLIP);
            // round 1 has no earlier update to copy: the copier resubmits the global model, which is
            // rejected; in round 2 it resubmits the round-1 update of the lowest other address,
            // which is left out
            assertThat(outcomes.get(0).contributionOf(copier)).isEqualTo(new Contribution(copier, false, 0));
            assertThat(outcomes.get(1).contributionOf(copier)).isEqualTo(new Contribution(copier, true, 0));
            TaskEvents events = fixture.events();
            Cid copied = events.revealed(2).stream().filter(r -> r.participant().equals(copier)).findFirst()
                    .orElseThrow().cid();
            List<TaskEvents.Revealed> round1 = events.revealed(1);
            String victim = lowestOtherThan(round1, copier);
            Cid original = round1.stream().filter(r -> r.participant().equals(victim)).findFirst().orElseThrow().cid();
            assertThat(copied).as("the copier's round-2 file is %s's round-1 update", victim).isEqualTo(original);
            assertSlashes(fixture, honest, tuple(copier, SlashKind.REJECTED_UPDATE, 1L));
            assertPaidNothing(fixture, copier);
            assertThat(fixture.observer().participantInfo(copier).status()).isEqualTo(ParticipantInfo.Status.ACTIVE);
            assertHonestPaidByTheirWeights(fixture, outcomes, honest);
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void invalidUpdatesAreRejectedAndSlashedEveryRoundAndAForgedVoteIsSlashedAndForfeitsTheRound(
            TestDevnet devnet, TestIpfs ipfs, @TempDir Path dir) throws Exception {
        int honest = 4;
        List<Attack> attacks = List.of(Attack.FREE_RIDE, Attack.MALFORMED, Attack.OVERSIZE, Attack.FORGE_VOTE);
        int n = honest + attacks.size();
        String freeRider = address(honest + 1);
        String malformed = address(honest + 2);
        String oversize = address(honest + 3);
        int forgerIndex = honest + 4;
        String forger = address(forgerIndex);
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, n, 2, "fedavg")) {
            // A vote that arrives after the quorum finalized the round is refused, which is no
            // offence; everyone else votes once the forger has, so that its forged vote counts.
            TaskClient observer = fixture.observer();
            List<Participant> participants = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                boolean attacker = i > honest;
                Attack.Behaviour b = attacker ? fixture.behaviour(i, attacks.get(i - honest - 1)) : fixture.honest(i);
                if (i != forgerIndex) {
                    b = new Attack.Behaviour(b.trainer(), votingAfter(b.conduct(), observer, forger));
                }
                ParticipantSettings settings = ParticipantSettings.defaults(n);
                if (attacker) {
                    settings = settings.withReport(false).withStake(TaskFixture.ATTACKER_STAKE);
                }
                participants.add(fixture.participant(i, dir, b, settings,
                        log(i, attacker ? attacks.get(i - honest - 1) : null)));
            }
            run(participants);

            List<TaskFixture.RoundOutcome> outcomes = assertEveryRoundFinalized(fixture, 2);
            for (TaskFixture.RoundOutcome o : outcomes) {
                for (String rejected : List.of(freeRider, malformed, oversize)) {
                    assertThat(o.contributionOf(rejected)).as("round %d", o.round())
                            .isEqualTo(new Contribution(rejected, false, 0));
                }
                Contribution forged = o.contributionOf(forger);
                assertThat(forged.accepted()).isTrue();
                assertThat(forged.weight()).as("the forger trained honestly: round %d", o.round()).isPositive();
            }
            assertSlashes(fixture, honest,
                    tuple(freeRider, SlashKind.REJECTED_UPDATE, 1L), tuple(freeRider, SlashKind.REJECTED_UPDATE, 2L),
                    tuple(malformed, SlashKind.REJECTED_UPDATE, 1L), tuple(malformed, SlashKind.REJECTED_UPDATE, 2L),
                    tuple(oversize, SlashKind.REJECTED_UPDATE, 1L), tuple(oversize, SlashKind.REJECTED_UPDATE, 2L),
                    tuple(forger, SlashKind.WRONG_VOTE, 1L), tuple(forger, SlashKind.WRONG_VOTE, 2L));
            for (String attacker : List.of(freeRider, malformed, oversize, forger)) {
                assertPaidNothing(fixture, attacker);
                assertThat(observer.participantInfo(attacker).stake()).as("a tenth slashed twice from " + attacker)
                        .isEqualTo(ninetyPercent(ninetyPercent(TaskFixture.ATTACKER_STAKE)));
            }

            // the forger's accepted leaves are forfeited: the settled wrong vote marked each round
            // claimed, and the last round's vote marker refuses the claim outright
            TaskClient forgerClient = new TaskClient(fixture.chain, DevAccounts.account(forgerIndex), fixture.task);
            for (TaskFixture.RoundOutcome o : outcomes) {
                assertThat(observer.isClaimed(forger, o.round())).as("round %d forfeited", o.round()).isTrue();
                RewardClaim claim = new RewardClaim(o.round(),
                        o.contributionOf(forger).weight(), o.tree().proof(forger));
                ContractRevertException refused = catchThrowableOfType(ContractRevertException.class,
                        () -> forgerClient.claim(List.of(claim)));
                assertThat(refused).as("claim of round %d", o.round()).isNotNull();
                assertThat(refused.description()).hasValue(o.round() == 2
                        ? "RewardsForfeited(2)" : "RewardsAlreadyClaimed(1)");
            }
            assertThat(observer.rewardsOf(forger)).isZero();
            assertHonestPaidByTheirWeights(fixture, outcomes, honest);
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void silentCommitterIsSlashedEveryRoundAndNoShowIsSlashedAndSuspendedAfterThreeMissedRounds(
            TestDevnet devnet, TestIpfs ipfs, @TempDir Path dir) throws Exception {
        int honest = 4;
        int rounds = 3;
        String silent = address(honest + 1);
        String noShow = address(honest + 2);
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, honest + 2, rounds, "fedavg")) {
            assertThat(fixture.terms.missTolerance()).isEqualTo(2);
            try (AutoCloseable skipper = fixture.skipStalls(devnet,
                    Map.of(silent, TaskPhase.REVEAL, noShow, TaskPhase.COMMIT))) {
                runAll(fixture, dir, honest, List.of(Attack.NO_REVEAL, Attack.NO_SHOW));
            }

            List<TaskFixture.RoundOutcome> outcomes = assertEveryRoundFinalized(fixture, rounds);
            TaskEvents events = fixture.events();
            for (TaskFixture.RoundOutcome o : outcomes) {
                assertThat(events.committers(o.round())).contains(silent).doesNotContain(noShow);
                assertThat(o.tree().leaves()).extracting(Contribution::participant)
                        .as("round %d's leaves", o.round()).doesNotContain(silent, noShow).hasSize(honest);
            }
            // three missed rounds are more than the tolerance of two: one slash, reported after the
            // third, which also suspends the no-show (a reported streak always does)
            assertSlashes(fixture, honest,
                    tuple(silent, SlashKind.NO_REVEAL, 1L), tuple(silent, SlashKind.NO_REVEAL, 2L),
                    tuple(silent, SlashKind.NO_REVEAL, 3L), tuple(noShow, SlashKind.MISSED_ROUNDS, 3L));
            TaskClient observer = fixture.observer();
            ParticipantInfo absent = observer.participantInfo(noShow);
            assertThat(absent.stake()).as("a twentieth slashed").isEqualTo(TaskFixture.ATTACKER_STAKE
                    .multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)));
            assertThat(absent.stake()).as("still above the minimum").isGreaterThanOrEqualTo(fixture.terms.minStake());
            assertThat(absent.status()).isEqualTo(ParticipantInfo.Status.SUSPENDED);
            assertThat(absent.exitRound()).isEqualTo(rounds + 1);
            assertThat(observer.participantInfo(silent).stake()).isEqualTo(
                    ninetyPercent(ninetyPercent(ninetyPercent(TaskFixture.ATTACKER_STAKE))));
            assertThat(observer.participantInfo(silent).status()).isEqualTo(ParticipantInfo.Status.ACTIVE);
            assertPaidNothing(fixture, silent);
            assertPaidNothing(fixture, noShow);
            assertHonestPaidByTheirWeights(fixture, outcomes, honest);
        }
    }

    // ----- running -----

    /** Participants 1..honest honest, then one attacker per attack, all run to the end. */
    private static void runAll(TaskFixture fixture, Path dir, int honest, List<Attack> attacks) throws Exception {
        int n = honest + attacks.size();
        List<Participant> participants = new ArrayList<>();
        for (int i = 1; i <= honest; i++) {
            participants.add(fixture.participant(i, dir, n, log(i, null)));
        }
        for (int a = 0; a < attacks.size(); a++) {
            int i = honest + 1 + a;
            participants.add(fixture.attacker(i, dir, n, attacks.get(a), log(i, attacks.get(a))));
        }
        run(participants);
    }

    private static void run(List<Participant> participants) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(participants.size());
        try {
            List<Future<Participant.Summary>> running = new ArrayList<>();
            for (Participant p : participants) {
                running.add(pool.submit(p::run));
            }
            for (Future<Participant.Summary> f : running) {
                try {
                    f.get(5, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    throw new AssertionError("a participant failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ParticipantListener log(int i, Attack attack) {
        String name = "p" + i + (attack == null ? "" : " " + attack.id());
        return new ParticipantLog(new PrintWriter(System.out, true), name);
    }

    /**
     * Votes only once {@code first} has voted in the round; otherwise as {@code conduct}. Polls
     * the chain, as the participant itself does, for at most two minutes.
     */
    private static Conduct votingAfter(Conduct conduct, TaskClient observer, String first) {
        return new Deviation(conduct) {
            @Override
            public RoundEntry.Outcome vote(long round, Computation computed) throws ChainException,
                    ModelStoreException, ParticipantException, InterruptedException {
                long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (observer.participantInfo(first).voteRound() < round) {
                    if (System.nanoTime() > until) {
                        throw new IllegalStateException(first + " did not vote in round " + round);
                    }
                    Thread.sleep(100);
                }
                return conduct.vote(round, computed);
            }
        };
    }

    // ----- checks -----

    /** The task completed with every round finalized; returns the outcomes recomputed from the files. */
    private static List<TaskFixture.RoundOutcome> assertEveryRoundFinalized(TaskFixture fixture, int rounds)
            throws Exception {
        assertThat(fixture.observer().position().phase()).isEqualTo(TaskPhase.COMPLETED);
        List<TaskFixture.RoundOutcome> outcomes = fixture.outcomes();
        assertThat(outcomes).extracting(TaskFixture.RoundOutcome::round)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, rounds).mapToObj(r -> (long) r).toList());
        return outcomes;
    }

    /** Accepted with weight 0 in every round (left out, or agreeing with nothing), unpaid and unslashed. */
    private static void assertWeighsNothingAndIsPaidNothing(TaskFixture fixture,
                                                            List<TaskFixture.RoundOutcome> outcomes, String attacker,
                                                            Attack attack) throws Exception {
        for (TaskFixture.RoundOutcome o : outcomes) {
            assertThat(o.contributionOf(attacker)).as("%s's leaf in round %d", attack.id(), o.round())
                    .isEqualTo(new Contribution(attacker, true, 0));
        }
        assertPaidNothing(fixture, attacker);
        assertThat(fixture.observer().participantInfo(attacker).stake()).as("%s's stake", attack.id())
                .isEqualTo(TaskFixture.ATTACKER_STAKE);
    }

    private static void assertPaidNothing(TaskFixture fixture, String attacker) throws Exception {
        assertThat(fixture.observer().rewardsOf(attacker)).as("rewards of " + attacker).isZero();
        assertThat(fixture.events().claims()).extracting(TaskEvents.Claim::participant).doesNotContain(attacker);
    }

    /**
     * The task's slashes are exactly {@code expected} (offender, kind, round), each reported by an
     * honest participant or settled by the offender's own next action.
     */
    private static void assertSlashes(TaskFixture fixture, int honest, Tuple... expected) throws Exception {
        List<TaskEvents.Slash> slashes = fixture.events().slashes();
        assertThat(slashes).extracting(TaskEvents.Slash::offender, TaskEvents.Slash::kind, TaskEvents.Slash::round)
                .containsExactlyInAnyOrder(expected);
        List<String> honestOrNobody = new ArrayList<>(honestAccounts(honest));
        honestOrNobody.add(NOBODY);
        assertThat(slashes).allSatisfy(s -> assertThat(s.reporter()).isIn(honestOrNobody));
    }

    /**
     * No honest participant was slashed; each claimed exactly what the recomputed outcomes give
     * it (a positive amount), and its rewards balance is that plus the bounties of its reports.
     */
    private static void assertHonestPaidByTheirWeights(TaskFixture fixture, List<TaskFixture.RoundOutcome> outcomes,
                                                       int honest) throws Exception {
        TaskEvents events = fixture.events();
        TaskClient observer = fixture.observer();
        List<TaskEvents.Slash> slashes = events.slashes();
        List<TaskEvents.Claim> claims = events.claims();
        for (String h : honestAccounts(honest)) {
            assertThat(slashes).extracting(TaskEvents.Slash::offender).doesNotContain(h);
            assertThat(observer.participantInfo(h).stake()).as("stake of " + h).isEqualTo(events.joins().stream()
                    .filter(j -> j.participant().equals(h)).findFirst().orElseThrow().amount());
            BigInteger owed = TaskFixture.expectedRewards(outcomes, h);
            BigInteger claimed = claims.stream().filter(c -> c.participant().equals(h)).map(TaskEvents.Claim::amount)
                    .reduce(BigInteger.ZERO, BigInteger::add);
            BigInteger bounties = slashes.stream().filter(s -> s.reporter().equals(h)).map(TaskEvents.Slash::bounty)
                    .reduce(BigInteger.ZERO, BigInteger::add);
            assertThat(owed).as("owed to " + h).isPositive();
            assertThat(claimed).as("claimed by " + h).isEqualTo(owed);
            assertThat(observer.rewardsOf(h)).as("rewards of " + h).isEqualTo(owed.add(bounties));
        }
    }

    private static List<String> honestAccounts(int honest) {
        return IntStream.rangeClosed(1, honest).mapToObj(TaskFixture::address).toList();
    }

    private static String lowestOtherThan(List<TaskEvents.Revealed> revealed, String self) {
        return revealed.stream().map(TaskEvents.Revealed::participant).filter(p -> !p.equals(self)).sorted()
                .findFirst().orElseThrow();
    }

    private static BigInteger ninetyPercent(BigInteger stake) {
        return stake.subtract(stake.multiply(BigInteger.valueOf(1_000)).divide(BigInteger.valueOf(10_000)));
    }
}
