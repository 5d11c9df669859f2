package org.fedledger.task;

import org.fedledger.chain.TaskMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fedledger.task.Reverts.assertReverts;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskContracts;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.contracts.generated.TaskFactory;
import org.fedledger.outcome.Contribution;
import org.fedledger.storage.Cid;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every custom error a caller can trigger, asserted by name: factory validation, membership,
 * phases, commit and reveal, votes, claims and withdrawals, the pool reclaim, and slash
 * reports. {@code ReentrancyGuardReentrantCall} and {@code FederatedTaskUnauthorized} (reachable only
 * through a token that calls back during task creation) are asserted in {@link ReentrancyIT}.
 */
@LocalServices
class TaskRevertsIT {
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    private static final BigInteger UINT96_LIMIT = BigInteger.ONE.shiftLeft(96);
    private static final long DAYS_365 = 365L * 24 * 3600;

    private static TaskHarness harness;

    @BeforeAll
    static void deploy(TestDevnet devnet) throws Exception {
        harness = TaskHarness.start(devnet);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    // ----- factory -----

    static Stream<Arguments> invalidRules() {
        return Stream.of(
                rule("zero token", "TaskFactoryInvalidToken", t -> TestTerms.in(ZERO_ADDRESS)),
                rule("0 rounds", "TaskFactoryInvalidRoundCount", t -> t.rounds(0)),
                rule("16,777,215 rounds", "TaskFactoryInvalidRoundCount", t -> t.rounds(16_777_215)),
                rule("0 s commit", "TaskFactoryInvalidDuration", t -> t.phases(0, 1_000, 1_000)),
                rule("0 s reveal", "TaskFactoryInvalidDuration", t -> t.phases(1_000, 0, 1_000)),
                rule("0 s vote", "TaskFactoryInvalidDuration", t -> t.phases(1_000, 1_000, 0)),
                rule("registration over a year", "TaskFactoryInvalidDuration", t -> t.registration(DAYS_365 + 1)),
                rule("vote over a year", "TaskFactoryInvalidDuration", t -> t.phases(1_000, 1_000, DAYS_365 + 1)),
                rule("cooldown over a year", "TaskFactoryInvalidDuration", t -> t.cooldown(DAYS_365 + 1)),
                rule("quorum 50%", "TaskFactoryInvalidQuorum", t -> t.quorumBps(5_000)),
                rule("quorum above 100%", "TaskFactoryInvalidQuorum", t -> t.quorumBps(10_001)),
                rule("no-reveal slash above 100%", "TaskFactoryInvalidBps", t -> t.slashBps(10_001, 0, 0, 0)),
                rule("rejection slash above 100%", "TaskFactoryInvalidBps", t -> t.slashBps(0, 10_001, 0, 0)),
                rule("wrong-vote slash above 100%", "TaskFactoryInvalidBps", t -> t.slashBps(0, 0, 10_001, 0)),
                rule("missed-rounds slash above 100%", "TaskFactoryInvalidBps", t -> t.slashBps(0, 0, 0, 10_001)),
                rule("bounty above 100%", "TaskFactoryInvalidBps", t -> t.bountyBps(10_001)),
                rule("zero minimum stake", "TaskFactoryInvalidMinStake", t -> t.minStake(BigInteger.ZERO)),
                rule("zero sample cap", "TaskFactoryInvalidSampleCap", t -> t.sampleCap(0)),
                rule("zero minimum revealers", "TaskFactoryInvalidMinRevealers", t -> t.minRevealers(0)));
    }

    private static Arguments rule(String label, String error, UnaryOperator<TestTerms> change) {
        return Arguments.of(label, error, change);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalidRules")
    void factoryRefusesInvalidRules(String label, String error, UnaryOperator<TestTerms> change) throws Exception {
        TaskRules terms = change.apply(harness.terms()).build();
        long tasks = taskCount();

        assertReverts(error, () -> harness.contracts().createTask(harness.factory(), terms, TaskHarness.content(),
                BigInteger.ZERO));

        assertThat(taskCount()).isEqualTo(tasks);
    }

    @Test
    void factoryRefusesInvalidCidsOversizedMetadataAndAPoolAboveUint96() throws Exception {
        TaskRules terms = harness.terms().build();
        Cid valid = Cid.of(Cid.RAW, TestTask.sha256("valid"));
        Cid dagCbor = Cid.of(0x71, TestTask.sha256("dag-cbor"));
        TaskContracts contracts = harness.contracts();
        String factory = harness.factory();

        assertReverts("TaskFactoryInvalidCid", () -> contracts.createTask(factory, terms,
                new TaskMetadata(dagCbor, valid, null, null), BigInteger.ZERO));
        assertReverts("TaskFactoryInvalidCid", () -> contracts.createTask(factory, terms,
                new TaskMetadata(valid, dagCbor, null, null), BigInteger.ZERO));
        assertReverts("TaskFactoryInvalidCid", () -> contracts.createTask(factory, terms,
                new TaskMetadata(valid, valid, dagCbor, null), BigInteger.ZERO));
        assertReverts("TaskFactoryDeploymentFailed", () -> contracts.createTask(factory, terms,
                new TaskMetadata(valid, valid, null, new byte[24_576]), BigInteger.ZERO));
        assertReverts("TaskFactoryPoolTooLarge", () -> contracts.createTask(factory, terms, TaskHarness.content(),
                UINT96_LIMIT));
    }

    @Test
    void taskAndTemplateCannotBeInitializedAgainAndTheTemplateIsLocked() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        String template = factory().implementation().send();
        FederatedTask locked = FederatedTask.load(template, harness.chain().web3j(),
                harness.chain().transactionManager(harness.creator()), harness.chain().gasProvider());
        byte[] digest = TestTask.sha256("other model");

        assertReverts("FederatedTaskAlreadyInitialized", () -> task.contract().initialize(digest).send());
        assertReverts("FederatedTaskAlreadyInitialized", () -> locked.initialize(digest).send());
        assertReverts("MembershipClosed", () -> locked.join(BigInteger.ONE).send());
        assertReverts("RoundsNotRunning", () -> locked.advance().send());
    }

    // ----- membership -----

    @Test
    void joinIsRefusedBelowTheMinimumStakeTwiceAboveTheStakeCapAndAfterCompletion() throws Exception {
        TaskRules terms = harness.terms().rounds(1).build();
        TestTask task = harness.create(terms);
        Participant member = task.join(1);
        Participant poor = task.participant(2);
        Participant whale = task.participant(3);
        harness.fund(poor.address(), terms.minStake());
        harness.mint(whale.address(), UINT96_LIMIT);

        assertReverts("MembershipStakeTooLow", () -> poor.client().join(terms.minStake().subtract(BigInteger.ONE)));
        assertReverts("MembershipAlreadyJoined", () -> member.client().join(terms.minStake()));
        assertReverts("MembershipStakeCapExceeded", () -> whale.client().join(UINT96_LIMIT));

        task.start();
        task.expireAndAdvance(); // round 1 fails without commits: the task is complete
        assertThat(task.phase()).isEqualTo(TaskPhase.COMPLETED);
        assertReverts("MembershipClosed", () -> poor.client().join(terms.minStake()));
        assertReverts("RoundsNotRunning", () -> task.creator().advance());
        assertReverts("RoundsNotInPhase", () -> task.commit(member));
        task.assertConserved();
    }

    @Test
    void membershipChangesAreRefusedInTheWrongState() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(2);
        Participant a = ps.get(0);
        Participant b = ps.get(1);
        Participant stranger = task.participant(9);
        harness.fund(a.address(), task.defaultStake());
        harness.fund(stranger.address(), task.defaultStake());
        task.start();

        assertReverts("MembershipZeroAmount", () -> a.client().topUp(BigInteger.ZERO));
        assertReverts("MembershipWrongStatus", () -> stranger.client().topUp(BigInteger.ONE));
        assertReverts("MembershipWrongStatus", () -> stranger.client().requestLeave());
        assertReverts("MembershipWrongStatus", () -> a.client().withdrawStake());

        task.commitAll(ps);
        task.reveal(a);
        assertReverts("MembershipVotePending", () -> a.client().topUp(BigInteger.ONE));
        task.reveal(b);
        task.vote(a, task.honestOutcome(ps));
        a.client().topUp(BigInteger.ONE); // allowed again once it voted

        b.client().requestLeave();
        assertReverts("MembershipWrongStatus", () -> b.client().requestLeave());
        assertReverts("MembershipWrongStatus", () -> b.client().topUp(BigInteger.ONE));
        assertReverts("MembershipStakeLocked", () -> b.client().withdrawStake());
        task.assertConserved();
    }

    // ----- commit and reveal -----

    @Test
    void commitIsRefusedOutOfPhaseFromInactiveAccountsAndTwice() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(2);
        Participant a = ps.get(0);
        task.start();
        Participant late = task.join(3); // joined in round 1: active from round 2
        Participant stranger = task.participant(9);

        assertReverts("RoundsNotActive", () -> task.commit(stranger));
        assertReverts("RoundsNotActive", () -> task.commit(late));
        assertReverts("RoundsNotInPhase", () -> task.reveal(a));
        assertReverts("RoundsNotInPhase", () -> task.vote(a, task.junkOutcome("early")));
        task.commit(a);
        assertReverts("RoundsAlreadyCommitted", () -> task.commit(a));
    }

    @Test
    void revealIsRefusedUnlessItOpensTheCommitmentWithinTheSampleCapAndTheBond() throws Exception {
        TaskRules terms = harness.terms().sampleCap(30_000).build();
        TestTask task = harness.create(terms);
        List<Participant> ps = task.joinAll(5);
        Participant honest = ps.get(0);
        Participant overCap = ps.get(1);
        Participant overBond = ps.get(2);
        Participant zero = ps.get(3);
        Participant silent = ps.get(4);
        long bonded = task.defaultStake().divide(terms.stakePerSample()).longValueExact();
        assertThat(bonded).isLessThan(terms.sampleCap());
        task.start();
        TestTask.Update good = task.update(honest);
        TestTask.Update capped = withSamples(task.update(overCap), terms.sampleCap() + 1);
        TestTask.Update unbonded = withSamples(task.update(overBond), bonded + 1);
        TestTask.Update none = withSamples(task.update(zero), 0);
        task.commit(honest, good);
        task.commit(overCap, capped);
        task.commit(overBond, unbonded);
        task.commit(zero, none);
        task.expireAndAdvance();
        assertThat(task.phase()).isEqualTo(TaskPhase.REVEAL);
        TaskClient client = honest.client();

        assertReverts("RoundsNotCommitted", () -> task.reveal(silent));
        assertReverts("RoundsInvalidCid", () -> client.reveal(Cid.of(0x71, good.cid().digest()), good.samples(), good.salt()));
        assertReverts("RoundsCommitmentMismatch", () -> client.reveal(Cid.of(Cid.RAW, TestTask.sha256("other")),
                good.samples(), good.salt()));
        assertReverts("RoundsCommitmentMismatch", () -> client.reveal(good.cid(), good.samples() + 1, good.salt()));
        assertReverts("RoundsCommitmentMismatch", () -> client.reveal(good.cid(), good.samples(), new byte[32]));
        assertReverts("RoundsInvalidSampleCount", () -> overCap.client().reveal(capped.cid(), capped.samples(), capped.salt()));
        assertReverts("RoundsInvalidSampleCount", () -> zero.client().reveal(none.cid(), none.samples(), none.salt()));
        assertReverts("RoundsInsufficientBond", () -> overBond.client().reveal(unbonded.cid(), unbonded.samples(),
                unbonded.salt()));
        client.reveal(good.cid(), good.samples(), good.salt());
        assertReverts("RoundsAlreadyRevealed", () -> client.reveal(good.cid(), good.samples(), good.salt()));
        assertReverts("RoundsNotInPhase", () -> task.vote(honest, task.honestOutcome(List.of(honest))));
    }

    private static TestTask.Update withSamples(TestTask.Update u, long samples) {
        return new TestTask.Update(u.cid(), samples, u.salt());
    }

    // ----- votes -----

    @Test
    void voteIsRefusedUnlessItIsWellFormedAndTheVotersFirstAfterItsReveal() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(3);
        Participant a = ps.get(0);
        Participant silent = ps.get(2);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps.subList(0, 2));
        task.expireAndAdvance();
        Outcome honest = task.honestOutcome(ps.subList(0, 2));
        TaskClient client = a.client();

        assertReverts("VotingNotRevealed", () -> task.vote(silent, honest));
        assertReverts("VotingNotRevealed", () -> task.vote(task.participant(9), honest));
        assertReverts("VotingInvalidCid", () -> client.vote(Cid.of(0x71, honest.aggregate().digest()), honest.root(),
                honest.totalWeight()));
        assertReverts("VotingZeroWeightsRoot", () -> client.vote(honest.aggregate(), new byte[32], honest.totalWeight()));
        assertReverts("VotingTotalWeightTooLarge", () -> client.vote(honest.aggregate(), honest.root(), UINT96_LIMIT));
        assertReverts("RoundsNotInPhase", () -> task.commit(silent));
        task.vote(a, honest);
        assertThat(task.phase()).isEqualTo(TaskPhase.VOTE);
        assertReverts("VotingAlreadyVoted", () -> task.vote(a, honest));
    }

    // ----- rewards -----

    @Test
    void claimIsRefusedUnlessItProvesAnUnclaimedFinalizedReward() throws Exception {
        TestTask task = harness.create(harness.terms().rounds(3).build());
        List<Participant> ps = task.joinAll(3);
        Participant a = ps.get(0);
        task.start();
        Outcome round1 = task.playFinalizedRound(ps);
        task.expireAndAdvance(); // round 2 fails without commits
        BigInteger w = round1.weightOf(a);
        List<byte[]> proof = round1.proofOf(a);
        long n = proof.size();

        assertReverts("RewardsNothingToWithdraw", () -> a.client().withdrawRewards());
        assertReverts("RewardsLengthMismatch", () -> task.claimRaw(a, List.of(), List.of(), List.of(), List.of()));
        assertReverts("RewardsLengthMismatch", () -> task.claimRaw(a, List.of(1L), List.of(w, w), List.of(n), proof));
        assertReverts("RewardsLengthMismatch", () -> task.claimRaw(a, List.of(1L), List.of(w), List.of(n, n), proof));
        assertReverts("RewardsLengthMismatch", () -> task.claimRaw(a, List.of(1L), List.of(w), List.of(n + 1), proof));
        List<byte[]> leftover = new ArrayList<>(proof);
        leftover.add(new byte[32]); // a valid proof followed by a node no claim consumes
        assertReverts("RewardsLengthMismatch", () -> task.claimRaw(a, List.of(1L), List.of(w), List.of(n), leftover));
        assertReverts("RewardsRoundNotFinalized", () -> task.claimRaw(a, List.of(2L), List.of(w), List.of(n), proof));
        assertReverts("RewardsRoundNotFinalized", () -> task.claimRaw(a, List.of(3L), List.of(w), List.of(n), proof));
        assertReverts("RewardsZeroWeight", () -> task.claimRaw(a, List.of(1L), List.of(BigInteger.ZERO), List.of(n), proof));
        assertReverts("RewardsWeightTooLarge", () -> task.claimRaw(a, List.of(1L),
                List.of(round1.totalWeight().add(BigInteger.ONE)), List.of(n), proof));
        assertReverts("RewardsInvalidProof", () -> task.claimRaw(a, List.of(1L), List.of(w.add(BigInteger.ONE)),
                List.of(n), proof));
        a.client().claim(List.of(round1.claimOf(a)));
        assertReverts("RewardsAlreadyClaimed", () -> a.client().claim(List.of(round1.claimOf(a))));
        task.assertConserved();
    }

    @Test
    void forgedTreeCannotPayOutMoreThanWasAllocated() throws Exception {
        TestTask task = harness.create(harness.terms().rounds(1).build());
        Participant forger = task.join(1);
        Participant accomplice = task.participant(9); // never joined
        task.start();
        task.commit(forger);
        task.reveal(forger);
        BigInteger w = BigInteger.valueOf(1_000);
        // Two leaves of weight w under a declared total of w: the tree promises twice the reward.
        Outcome forged = task.outcome(List.of(new Contribution(forger.address(), true, w),
                new Contribution(accomplice.address(), true, w)));
        forger.client().vote(forged.aggregate(), forged.root(), w);
        BigInteger reward = task.record(1).reward;
        assertThat(reward).isEqualTo(TaskHarness.POOL);
        forger.client().claim(List.of(forged.claimOf(forger)));
        assertThat(task.rewardsOf(forger.address())).isEqualTo(reward);

        assertReverts("RewardsExceedAllocation", () -> accomplice.client().claim(List.of(forged.claimOf(accomplice))));
        assertThat(task.accounting().allocatedRewards).isZero();
        task.assertConserved();
    }

    @Test
    void claimIsRefusedWhenItWouldOverflowTheCreditedBalance() throws Exception {
        BigInteger maxPool = UINT96_LIMIT.subtract(BigInteger.ONE);
        TestTask task = harness.create(harness.terms().rounds(1).build(), maxPool);
        Participant whale = task.join(1, task.defaultStake().multiply(BigInteger.TEN));
        Participant minnow = task.join(2);
        task.start();
        task.commitAll(List.of(whale, minnow));
        task.revealAll(List.of(whale, minnow));
        Outcome outcome = task.outcome(List.of(new Contribution(whale.address(), true, 1), TestTask.rejected(minnow)));
        task.vote(minnow, task.junkOutcome("dissent"));
        task.vote(whale, outcome);
        assertThat(task.record(1).reward).isEqualTo(maxPool);
        whale.client().slashWrongVote(minnow.address()); // credits the whale a bounty first
        assertThat(task.rewardsOf(whale.address())).isPositive();

        assertReverts("RewardsBalanceOverflow", () -> whale.client().claim(List.of(outcome.claimOf(whale))));
        whale.client().withdrawRewards();
        whale.client().claim(List.of(outcome.claimOf(whale)));
        assertThat(task.rewardsOf(whale.address())).isEqualTo(maxPool);
        task.assertConserved();
    }

    @Test
    void poolCanBeReclaimedOnlyByTheCreatorAfterCompletionAndOnlyWhileNotEmpty() throws Exception {
        TestTask task = harness.create(harness.terms().rounds(1).build());
        Participant member = task.join(1);
        task.start();

        assertReverts("RewardsTaskNotCompleted", () -> task.contract().reclaimPool().send());
        task.expireAndAdvance(); // the only round fails: the whole pool is left
        assertReverts("RewardsNotCreator", () -> task.contractAs(member.credentials()).reclaimPool().send());
        task.contract().reclaimPool().send();
        assertThat(task.rewardsOf(harness.creator().getAddress())).isEqualTo(TaskHarness.POOL);
        assertReverts("RewardsPoolEmpty", () -> task.contract().reclaimPool().send());
        task.assertConserved();
    }

    // ----- slash reports -----

    @Test
    void slashReportsAreRefusedAgainstOneselfWithoutEvidenceOrWithNothingToTake() throws Exception {
        TaskRules terms = harness.terms().rounds(2).slashBps(0, 2_000, 1_500, 500).build();
        TestTask task = harness.create(terms);
        List<Participant> ps = task.joinAll(4);
        Participant a = ps.get(0);
        Participant rejected = ps.get(2);
        Participant silent = ps.get(3);
        Participant reporter = task.participant(9);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps.subList(0, 3));

        assertReverts("SlashingRoundNotFinalized", () -> reporter.client().slashRejectedUpdate(rejected.address(), 1,
                BigInteger.ZERO, List.of()));
        assertReverts("SlashingSelfReport", () -> silent.client().slashNoReveal(silent.address()));
        assertReverts("SlashingSelfReport", () -> silent.client().slashWrongVote(silent.address()));
        assertReverts("SlashingSelfReport", () -> silent.client().slashMissedRounds(silent.address()));
        assertReverts("SlashingSelfReport", () -> rejected.client().slashRejectedUpdate(rejected.address(), 1,
                BigInteger.ZERO, List.of()));
        task.expireAndAdvance();
        assertThat(task.slashable(silent, SlashKind.NO_REVEAL)).as("a 0% slash takes nothing").isFalse();
        assertReverts("SlashingNothingToSlash", () -> reporter.client().slashNoReveal(silent.address()));

        Outcome outcome = task.outcome(List.of(task.accepted(a), task.accepted(ps.get(1)), TestTask.rejected(rejected)));
        task.vote(a, outcome);
        task.vote(ps.get(1), outcome);
        assertThat(task.status(1)).isEqualTo(RoundStatus.FINALIZED);
        reporter.client().slashRejectedUpdate(rejected.address(), 1, BigInteger.ZERO, outcome.proofOf(rejected));
        assertReverts("SlashingAlreadySlashed", () -> reporter.client().slashRejectedUpdate(rejected.address(), 1,
                BigInteger.ZERO, outcome.proofOf(rejected)));
        assertReverts("SlashingInvalidProof", () -> reporter.client().slashRejectedUpdate(a.address(), 1,
                outcome.weightOf(a), outcome.proofOf(a)));
        assertReverts("SlashingNoEvidence", () -> reporter.client().slashNoReveal(a.address()));
        assertReverts("SlashingNoEvidence", () -> reporter.client().slashWrongVote(a.address()));
        assertReverts("SlashingNoEvidence", () -> reporter.client().slashMissedRounds(a.address()));
        task.assertConserved();
    }

    private static TaskFactory factory() {
        return TaskFactory.load(harness.factory(), harness.chain().web3j(),
                harness.chain().transactionManager(harness.creator()), harness.chain().gasProvider());
    }

    private static long taskCount() throws Exception {
        return factory().taskCount().send().longValueExact();
    }
}
