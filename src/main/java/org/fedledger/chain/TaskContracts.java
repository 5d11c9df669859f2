package org.fedledger.chain;

import java.math.BigInteger;
import java.util.List;
import org.fedledger.contracts.generated.FedToken;
import org.fedledger.contracts.generated.TaskFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * Deploys FedLedger's contracts and creates tasks: the {@code TaskFactory} (which deploys the
 * {@code FederatedTask} implementation that every task clones), a devnet stake token, and
 * funded tasks. One of the thin adapters that alone touch the generated Web3j wrappers.
 */
public final class TaskContracts {
    private final Chain chain;
    private final Credentials deployer;

    public TaskContracts(Chain chain, Credentials deployer) {
        this.chain = chain;
        this.deployer = deployer;
    }

    /** Reads only (a factory's tasks, a token's metadata and balances), with no key; deploying needs a deployer. */
    public TaskContracts(Chain chain) {
        this.chain = chain;
        this.deployer = null;
    }

    private TransactionManager signing() {
        if (deployer == null) {
            throw new IllegalStateException("these TaskContracts only read: pass a deployer to send transactions");
        }
        return chain.transactionManager(deployer);
    }

    /** Views are called from no account, whoever the deployer is. */
    private TransactionManager views() {
        return new ViewCalls(chain.web3j());
    }

    /** Deploys a task factory; returns its address. */
    public String deployFactory() throws ChainException {
        return call("deploy TaskFactory",
                () -> TaskFactory.deploy(chain.web3j(), signing(), chain.gasProvider()).send()
                        .getContractAddress());
    }

    /** Deploys a devnet stake token (mintable by the deployer); returns its address. */
    public String deployToken(String name, String symbol) throws ChainException {
        return call("deploy FedToken",
                () -> FedToken.deploy(chain.web3j(), signing(), chain.gasProvider(), name, symbol)
                        .send().getContractAddress());
    }

    /** Mints devnet tokens (the deployer must own the token). */
    public TransactionReceipt mint(String token, String to, BigInteger amount) throws ChainException {
        return call("mint", () -> FedToken.load(token, chain.web3j(), signing(),
                chain.gasProvider()).mint(to, amount).send());
    }

    /**
     * Approves the factory for {@code rewardPool} and creates a task funded with it; returns the
     * new task's address (from its {@code TaskCreated} event). With a pool, the creation is first
     * simulated without one: the factory checks the rules and metadata before it pulls the pool,
     * so a task it refuses costs no approval.
     */
    public String createTask(String factory, TaskRules terms, TaskMetadata content, BigInteger rewardPool)
            throws ChainException {
        TaskFactory wrapper = TaskFactory.load(factory, chain.web3j(), signing(), chain.gasProvider());
        if (rewardPool.signum() > 0) {
            String unfunded = wrapper.createTask(Wrappers.rules(terms), Wrappers.metadata(content), BigInteger.ZERO)
                    .encodeFunctionCall();
            SimulatingTransactionManager simulator = (SimulatingTransactionManager) signing();
            call("createTask", () -> {
                simulator.simulate(factory, unfunded, BigInteger.ZERO);
                return null;
            });
            call("approve the reward pool", () -> FedToken.load(terms.token(), chain.web3j(),
                    signing(), chain.gasProvider()).approve(factory, rewardPool).send());
        }
        TransactionReceipt receipt = call("createTask", () -> wrapper.createTask(Wrappers.rules(terms),
                Wrappers.metadata(content), rewardPool).send());
        List<TaskFactory.TaskCreatedEventResponse> created = TaskFactory.getTaskCreatedEvents(receipt);
        if (created.size() != 1) {
            throw new ChainException("createTask emitted " + created.size() + " TaskCreated events, expected 1");
        }
        return created.get(0).task;
    }

    /** A chain action that may fail. */
    interface Action<T> {
        T run() throws Exception;
    }

    /**
     * Runs a wrapper call, keeping reverts ({@link ContractRevertException}) as they are, even
     * where Web3j wrapped them, and turning other failures into a {@link ChainException} that
     * names the action. An action that failed transiently before it sent any transaction (say,
     * {@code eth_gasPrice} answered 503) is run again with {@link Retry}'s backoff; one that sent
     * a transaction is not, since the transaction manager already retried what was safe to.
     */
    static <T> T call(String action, Action<T> body) throws ChainException {
        return call(action, body, Retry.standard());
    }

    static <T> T call(String action, Action<T> body, Retry retry) throws ChainException {
        long[] sentBefore = new long[1];
        try {
            return retry.run(action, () -> {
                sentBefore[0] = SimulatingTransactionManager.submissions();
                return body.run();
            }, e -> Transient.isTransient(e) && SimulatingTransactionManager.submissions() == sentBefore[0]);
        } catch (Exception e) {
            Throwable cause = e;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ContractRevertException revert) {
                    throw revert;
                }
                if (t.getCause() != null && t == cause && String.valueOf(t.getMessage()).equals(t.getCause().toString())) {
                    cause = t.getCause(); // a bare wrapper, e.g. Contract.deploy's RuntimeException
                }
            }
            String reason = Chain.reason(cause instanceof Exception c ? c : e);
            throw new ChainException(reason.startsWith(action + " failed") ? reason : action + " failed: " + reason, e);
        }
    }

    /** A contract deployed here, and the block its deployment was mined in (where event queries may start). */
    public record Deployed(String address, BigInteger block) {}

    /** Deploys a task factory, as {@link #deployFactory} does, and says in which block. */
    public Deployed deployFactoryInBlock() throws ChainException {
        TaskFactory factory = call("deploy TaskFactory",
                () -> TaskFactory.deploy(chain.web3j(), signing(), chain.gasProvider()).send());
        BigInteger block = factory.getTransactionReceipt().map(TransactionReceipt::getBlockNumber)
                .orElseThrow(() -> new ChainException("deploy TaskFactory gave no receipt"));
        return new Deployed(factory.getContractAddress(), block);
    }

    /** Whether contract code lives at {@code address} (false for a plain account or an unused address). */
    public boolean hasCode(String address) throws ChainException {
        return chain.hasCode(address);
    }

    /** An ERC-20 token's symbol and decimals (its optional metadata, which FedToken and most tokens have). */
    public record TokenInfo(String symbol, int decimals) {}

    /** Reads {@code token}'s symbol and decimals. */
    public TokenInfo tokenInfo(String token) throws ChainException {
        FedToken erc20 = FedToken.load(token, chain.web3j(), views(), chain.gasProvider());
        BigInteger decimals = call("read decimals() of token " + token, () -> erc20.decimals().send());
        String symbol = call("read symbol() of token " + token, () -> erc20.symbol().send());
        return new TokenInfo(symbol, decimals.intValueExact());
    }

    /** {@code account}'s balance of {@code token}, in its smallest unit. */
    public BigInteger balanceOf(String token, String account) throws ChainException {
        return call("read the token balance of " + account, () -> FedToken.load(token, chain.web3j(),
                views(), chain.gasProvider()).balanceOf(account).send());
    }

    /** The owner of {@code token} (who may mint a FedToken), or empty when it has no {@code owner()}. */
    public java.util.Optional<String> tokenOwner(String token) {
        try {
            return java.util.Optional.of(call("read owner() of token " + token, () -> FedToken.load(token,
                    chain.web3j(), views(), chain.gasProvider()).owner().send()));
        } catch (ChainException | ContractRevertException e) {
            return java.util.Optional.empty();
        }
    }

    /** How many tasks {@code factory} created. */
    public long taskCount(String factory) throws ChainException {
        return call("read taskCount()", () -> TaskFactory.load(factory, chain.web3j(),
                views(), chain.gasProvider()).taskCount().send()).longValueExact();
    }

    /** Up to {@code limit} of {@code factory}'s tasks from index {@code offset}, oldest first. */
    public List<String> tasks(String factory, long offset, int limit) throws ChainException {
        List<?> page = call("read tasks()", () -> TaskFactory.load(factory, chain.web3j(),
                views(), chain.gasProvider())
                .tasks(BigInteger.valueOf(offset), BigInteger.valueOf(limit)).send());
        return page.stream().map(a -> a.toString().toLowerCase()).toList();
    }

    /**
     * The block in which {@code factory} created {@code task} (its {@code TaskCreated} event),
     * searching from {@code fromBlock} (null: the first block).
     */
    public BigInteger creationBlock(String factory, String task, BigInteger fromBlock) throws ChainException {
        var filter = new org.web3j.protocol.core.methods.request.EthFilter(fromBlock == null
                ? org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST
                : org.web3j.protocol.core.DefaultBlockParameter.valueOf(fromBlock),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST, factory);
        filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(TaskFactory.TASKCREATED_EVENT));
        filter.addSingleTopic(org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(
                org.web3j.utils.Numeric.toBigInt(task), 64));
        var logs = call("read TaskCreated events", () -> chain.web3j().ethGetLogs(filter).send());
        if (logs.hasError()) {
            throw new ChainException("read TaskCreated events failed: " + logs.getError().getMessage());
        }
        for (var result : logs.getLogs()) {
            if (result.get() instanceof org.web3j.protocol.core.methods.response.Log log && !log.isRemoved()) {
                return log.getBlockNumber();
            }
        }
        throw new ChainException("factory " + factory + " has no TaskCreated event for " + task);
    }
}
