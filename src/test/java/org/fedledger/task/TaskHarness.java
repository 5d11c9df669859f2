package org.fedledger.task;

import org.fedledger.chain.TaskMetadata;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskContracts;
import org.fedledger.chain.TaskRules;
import org.fedledger.contracts.generated.FedToken;
import org.fedledger.storage.Cid;
import org.fedledger.testing.TestDevnet;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The per-class fixture of the task integration tests: one connection to the test devnet, one
 * stake token and one factory deployed by dev account 0 (the creator of every task), and fresh
 * tasks on demand, each funded with a reward pool. Participants are dev accounts 1..19, minted
 * tokens as they need them; every test creates its own task, so tests never share task state.
 */
final class TaskHarness implements AutoCloseable {
    static final BigInteger TOKEN = TestTerms.TOKEN;
    /** The default reward pool: 3,000 tokens, divisible by the small round counts the tests use. */
    static final BigInteger POOL = TOKEN.multiply(BigInteger.valueOf(3_000));
    /** What {@link #fund} mints at a time. */
    private static final BigInteger LOT = TOKEN.multiply(BigInteger.valueOf(1_000_000));

    private final TestDevnet devnet;
    private final Chain chain;
    private final Credentials creator = DevAccounts.account(0);
    private final TaskContracts contracts;
    private final String token;
    private final String factory;
    private final Map<String, BigInteger> unspent = new HashMap<>();

    private TaskHarness(TestDevnet devnet, Chain chain, String token) throws ChainException {
        this.devnet = devnet;
        this.chain = chain;
        this.contracts = new TaskContracts(chain, creator);
        this.token = token == null ? contracts.deployToken("FedLedger Test", "FLT") : token;
        this.factory = contracts.deployFactory();
    }

    /** Connects to the devnet and deploys a FedToken and a factory. */
    static TaskHarness start(TestDevnet devnet) throws ChainException {
        return start(devnet, null);
    }

    /** Connects and deploys a factory for tasks staking in {@code token} (null: deploy a FedToken). */
    static TaskHarness start(TestDevnet devnet, String token) throws ChainException {
        Chain chain = devnet.connect();
        try {
            return new TaskHarness(devnet, chain, token);
        } catch (ChainException | RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    Chain chain() {
        return chain;
    }

    Credentials creator() {
        return creator;
    }

    String token() {
        return token;
    }

    String factory() {
        return factory;
    }

    TaskContracts contracts() {
        return contracts;
    }

    /** Terms with the test defaults in this harness's token. */
    TestTerms terms() {
        return TestTerms.in(token);
    }

    /** Creates a task with the default pool. */
    TestTask create(TaskRules terms) throws ChainException {
        return create(terms, POOL);
    }

    /** Mints {@code pool} to the creator and creates a task funded with it. */
    TestTask create(TaskRules terms, BigInteger pool) throws ChainException {
        if (pool.signum() > 0) {
            fund(creator.getAddress(), pool);
        }
        String task = contracts.createTask(factory, terms, content(), pool);
        return new TestTask(this, task, terms);
    }

    /** Arbitrary but valid task content (the contracts only check the CID format). */
    static TaskMetadata content() {
        return new TaskMetadata(Cid.of(Cid.RAW, TestTask.sha256("model spec")),
                Cid.of(Cid.RAW, TestTask.sha256("initial model")), null, new byte[0]);
    }

    void mint(String to, BigInteger amount) throws ChainException {
        contracts.mint(token, to, amount);
    }

    /**
     * Makes sure {@code account} holds {@code amount} more than this fixture has already spent
     * from it, minting in large lots (one mint covers many joins and pools, which saves a
     * transaction each). Only this fixture's own spending is booked, so tokens an account
     * received meanwhile are simply extra.
     */
    void fund(String account, BigInteger amount) throws ChainException {
        String key = account.toLowerCase();
        BigInteger available = unspent.getOrDefault(key, BigInteger.ZERO);
        if (available.compareTo(amount) < 0) {
            BigInteger lot = amount.max(LOT);
            mint(account, lot);
            available = available.add(lot);
        }
        unspent.put(key, available.subtract(amount));
    }

    BigInteger balanceOf(String account) throws Exception {
        return FedToken.load(token, chain.web3j(), chain.transactionManager(creator), chain.gasProvider())
                .balanceOf(account).send();
    }

    /** The latest block's timestamp: the chain's clock, which time jumps of earlier tests moved. */
    long now() throws IOException {
        return chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getTimestamp().longValueExact();
    }

    /** The timestamp of the block that included {@code receipt}. */
    long timestampOf(TransactionReceipt receipt) throws IOException {
        return chain.web3j().ethGetBlockByHash(receipt.getBlockHash(), false).send()
                .getBlock().getTimestamp().longValueExact();
    }

    /** Moves the chain's clock to at least {@code timestamp} (mines a block). */
    void jumpTo(long timestamp) throws IOException {
        long now = now();
        devnet.increaseTime(Math.max(0, timestamp - now));
        long reached = now();
        if (reached < timestamp) { // in case the clock moved less than asked
            devnet.increaseTime(timestamp - reached);
        }
    }

    @Override
    public void close() {
        chain.close();
    }
}
