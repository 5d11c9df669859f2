package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedledger.task.Reverts.assertReverts;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskRules;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.contracts.generated.ReentrantToken;
import org.fedledger.contracts.generated.TaskFactory;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ContractUtils;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Tasks whose stake token is {@code ReentrantToken}, which calls back into the task from inside
 * a transfer into or out of it. Every re-entry into a guarded function fails with
 * {@code ReentrancyGuardReentrantCall} (asserted on the simulated call, then by sending the
 * transaction unsimulated and seeing it fail on-chain), and the books and balances are exactly
 * as before; a control shows the token does call back when the re-entered function is not guarded.
 * A call back during task creation, into the not yet initialized task, finds it closed.
 */
@LocalServices
class ReentrancyIT {
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(1_000_000);

    private static TaskHarness harness;
    private static ReentrantToken token;

    @BeforeAll
    static void deploy(TestDevnet devnet) throws Exception {
        try (Chain chain = devnet.connect()) {
            String address = ReentrantToken.deploy(chain.web3j(), chain.transactionManager(DevAccounts.account(0)),
                    chain.gasProvider()).send().getContractAddress();
            harness = TaskHarness.start(devnet, address);
        }
        token = ReentrantToken.load(harness.token(), harness.chain().web3j(),
                harness.chain().transactionManager(harness.creator()), harness.chain().gasProvider());
    }

    @AfterEach
    void disarm() throws Exception {
        token.arm(ZERO_ADDRESS, new byte[0]).send();
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    /** A two-round task in which round 1 finalized and both participants claimed it; round 2 is open. */
    private record Rewarded(TestTask task, Participant a, Participant b, Outcome round1) {}

    private static Rewarded rewarded() throws Exception {
        TestTask task = harness.create(harness.terms().rounds(2).build());
        List<Participant> ps = task.joinAll(2);
        task.start();
        Outcome round1 = task.playFinalizedRound(ps);
        for (Participant p : ps) {
            p.client().claim(List.of(round1.claimOf(p)));
        }
        task.assertConserved();
        return new Rewarded(task, ps.get(0), ps.get(1), round1);
    }

    @Test
    void withdrawRewardsCannotBeReenteredFromTheRewardTransfer() throws Exception {
        Rewarded r = rewarded();
        arm(r.task(), r.task().contract().withdrawRewards());

        assertReentryRefused(r.task(), r.a(), () -> r.a().client().withdrawRewards(), FederatedTask::withdrawRewards);

        disarm();
        BigInteger rewards = r.task().rewardsOf(r.a().address());
        BigInteger wallet = harness.balanceOf(r.a().address());
        r.a().client().withdrawRewards();
        assertThat(harness.balanceOf(r.a().address())).isEqualTo(wallet.add(rewards));
        r.task().assertConserved();
    }

    @Test
    void claimCannotBeReenteredFromARewardTransfer() throws Exception {
        Rewarded r = rewarded();
        var claim = r.round1().claimOf(r.b());
        arm(r.task(), r.task().contract().claim(List.of(BigInteger.ONE), List.of(claim.weight()),
                List.of(BigInteger.valueOf(claim.proof().size())), claim.proof()));

        assertReentryRefused(r.task(), r.a(), () -> r.a().client().withdrawRewards(), FederatedTask::withdrawRewards);
    }

    @Test
    void withdrawStakeCannotBeReenteredFromTheStakeTransfer() throws Exception {
        Rewarded r = rewarded();
        TestTask task = r.task();
        r.a().client().requestLeave();
        task.expireAndAdvance(); // round 2 fails without commits; the task completes
        harness.jumpTo(task.contract().unlockTime(r.a().address()).send().longValueExact());
        arm(task, task.contract().withdrawStake());

        assertReentryRefused(task, r.a(), () -> r.a().client().withdrawStake(), FederatedTask::withdrawStake);

        disarm();
        BigInteger stake = task.stakeOf(r.a());
        BigInteger wallet = harness.balanceOf(r.a().address());
        r.a().client().withdrawStake();
        assertThat(harness.balanceOf(r.a().address())).isEqualTo(wallet.add(stake));
        task.assertConserved();
    }

    @Test
    void topUpAndJoinCannotBeReenteredFromTheStakePull() throws Exception {
        Rewarded r = rewarded();
        TestTask task = r.task();
        BigInteger amount = task.defaultStake();
        harness.fund(r.a().address(), amount);
        arm(task, task.contract().topUp(BigInteger.ONE));

        assertReentryRefused(task, r.a(), () -> r.a().client().topUp(amount), c -> c.topUp(amount));

        Participant newcomer = task.participant(3);
        harness.fund(newcomer.address(), amount);
        arm(task, task.contract().join(amount));
        assertReentryRefused(task, newcomer, () -> newcomer.client().join(amount), c -> c.join(amount));
    }

    @Test
    void armedTokenDoesCallBackWhenTheReenteredFunctionIsNotGuarded() throws Exception {
        Rewarded r = rewarded();
        arm(r.task(), r.task().contract().advance()); // advance moves no tokens and has no guard
        r.task().expire();

        TransactionReceipt receipt = r.a().client().withdrawRewards();

        assertThat(ReentrantToken.getReentryCallSucceededEvents(receipt)).singleElement()
                .satisfies(e -> assertThat(e.target).isEqualToIgnoringCase(r.task().address()));
        assertThat(FederatedTask.getPhaseAdvancedEvents(receipt)).as("the re-entered advance ran").isNotEmpty();
        r.task().assertConserved();
    }

    @Test
    void tokenCallingBackDuringTaskCreationFindsTheTaskNotYetInitialized() throws Exception {
        Chain chain = harness.chain();
        // The factory deploys the metadata store, then the task: the next two addresses it creates.
        BigInteger nonce = chain.web3j().ethGetTransactionCount(harness.factory(), DefaultBlockParameterName.LATEST)
                .send().getTransactionCount();
        String next = ContractUtils.generateContractAddress(harness.factory(), nonce.add(BigInteger.ONE));
        FederatedTask uninitialized = FederatedTask.load(next, chain.web3j(), chain.transactionManager(harness.creator()),
                chain.gasProvider());
        TaskRules terms = harness.terms().build();
        long tasks = TaskFactory.load(harness.factory(), chain.web3j(), chain.transactionManager(harness.creator()),
                chain.gasProvider()).taskCount().send().longValueExact();

        arm(next, uninitialized.join(TaskHarness.TOKEN));
        assertReverts("MembershipClosed", () -> createTask(terms));
        arm(next, uninitialized.advance());
        assertReverts("RoundsNotRunning", () -> createTask(terms));
        arm(next, uninitialized.initialize(new byte[32]));
        assertReverts("FederatedTaskUnauthorized", () -> createTask(terms));

        disarm();
        TestTask created = harness.create(terms);
        assertThat(created.address()).isEqualToIgnoringCase(next);
        assertThat(TaskFactory.load(harness.factory(), chain.web3j(), chain.transactionManager(harness.creator()),
                chain.gasProvider()).taskCount().send().longValueExact()).isEqualTo(tasks + 1);
    }

    private static String createTask(TaskRules terms) throws Exception {
        return harness.contracts().createTask(harness.factory(), terms, TaskHarness.content(), TaskHarness.POOL);
    }

    private static void arm(TestTask task, RemoteFunctionCall<?> call) throws Exception {
        arm(task.address(), call);
    }

    private static void arm(String target, RemoteFunctionCall<?> call) throws Exception {
        token.arm(target, Numeric.hexStringToByteArray(call.encodeFunctionCall())).send();
    }

    /**
     * Asserts that {@code action} by {@code caller} reverts with the reentrancy guard's error, that
     * the same call sent without simulation fails on-chain, and that nothing changed.
     */
    private static void assertReentryRefused(TestTask task, Participant caller, ThrowingCallable action,
                                             Function<FederatedTask, RemoteFunctionCall<TransactionReceipt>> raw)
            throws Exception {
        Books before = Books.of(task, caller);

        assertReverts("ReentrancyGuardReentrantCall", action);
        TransactionReceipt mined = sendUnsimulated(task, caller, raw);

        assertThat(mined.isStatusOK()).as("the unsimulated transaction fails on-chain").isFalse();
        assertThat(Books.of(task, caller)).isEqualTo(before);
        task.assertConserved();
    }

    /** Sends the call with a fixed gas limit and no prior simulation, and returns its receipt. */
    private static TransactionReceipt sendUnsimulated(TestTask task, Participant caller,
                                                      Function<FederatedTask, RemoteFunctionCall<TransactionReceipt>> raw)
            throws Exception {
        Chain chain = harness.chain();
        String data = raw.apply(task.contract()).encodeFunctionCall();
        RawTransactionManager plain = new RawTransactionManager(chain.web3j(), caller.credentials(), chain.chainId());
        BigInteger gasPrice = chain.web3j().ethGasPrice().send().getGasPrice();
        EthSendTransaction sent = plain.sendTransaction(gasPrice, GAS_LIMIT, task.address(), data, BigInteger.ZERO);
        assertThat(sent.getTransactionHash()).as("sent: %s", sent.hasError() ? sent.getError().getMessage() : "").isNotNull();
        // the devnet mines right after answering: wait for the receipt (polling, bounded)
        return new PollingTransactionReceiptProcessor(chain.web3j(), 50, 200)
                .waitForTransactionReceipt(sent.getTransactionHash());
    }

    /** Everything a re-entry could have moved. */
    private record Books(BigInteger balance, BigInteger totalStaked, BigInteger allocated, BigInteger credited,
                         BigInteger pool, BigInteger taskBalance, BigInteger callerWallet, BigInteger callerStake,
                         BigInteger callerRewards) {
        static Books of(TestTask task, Participant caller) throws Exception {
            FederatedTask.Accounting a = task.accounting();
            return new Books(a.balance, a.totalStaked, a.allocatedRewards, a.creditedRewards, a.pool,
                    harness.balanceOf(task.address()), harness.balanceOf(caller.address()), task.stakeOf(caller),
                    task.rewardsOf(caller.address()));
        }
    }
}
