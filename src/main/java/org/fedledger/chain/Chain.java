package org.fedledger.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * A connection to any Ethereum JSON-RPC node (the local Ganache devnet or a real chain),
 * checked at connect time: the node must answer and, when the caller names one, report the
 * expected chain id. Transactions are signed locally with the chain id, simulated first so a
 * revert is reported by its custom error name, and receipts are polled from 10 ms on, backing
 * off ({@link BackoffReceiptProcessor}), instead of Web3j's fixed 15 s.
 */
public final class Chain implements AutoCloseable {
    private static final Duration RECEIPT_FIRST_POLL = Duration.ofMillis(10);
    private static final Duration RECEIPT_MAX_POLL = Duration.ofMillis(200);
    private static final Duration RECEIPT_TIMEOUT = Duration.ofMinutes(2);

    private final URI rpcUrl;
    private final Web3j web3j;
    private final long chainId;
    private final Object latestLock = new Object();
    private EthBlock.Block latest;
    private long latestReadAt;
    private final Map<String, Object> shared = new ConcurrentHashMap<>();

    private Chain(URI rpcUrl, Web3j web3j, long chainId) {
        this.rpcUrl = rpcUrl;
        this.web3j = web3j;
        this.chainId = chainId;
    }

    /**
     * Connects to {@code rpcUrl}; with {@code expectedChainId} non-null, fails unless the node
     * reports that chain id.
     */
    public static Chain connect(URI rpcUrl, Long expectedChainId) throws ChainException {
        Objects.requireNonNull(rpcUrl, "rpcUrl == null");
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(60)).build();
        Web3j web3j = Web3j.build(new HttpService(rpcUrl.toString(), http));
        long chainId;
        try {
            chainId = web3j.ethChainId().send().getChainId().longValueExact();
        } catch (IOException | RuntimeException e) {
            web3j.shutdown();
            throw new ChainException("Ethereum RPC at " + rpcUrl + " is unreachable (" + reason(e)
                    + "): start a devnet with `./fl devnet up` or pass --rpc-url URL", e);
        }
        if (expectedChainId != null && expectedChainId != chainId) {
            web3j.shutdown();
            throw new ChainException("the node at " + rpcUrl + " is on chain " + chainId + ", not chain "
                    + expectedChainId + ": check --rpc-url and --chain-id");
        }
        return new Chain(rpcUrl, web3j, chainId);
    }

    /** The first line of a failure's message, or its type when it has none. */
    static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    public URI rpcUrl() {
        return rpcUrl;
    }

    public long chainId() {
        return chainId;
    }

    /** The underlying Web3j client; only the chain adapters should need it. */
    public Web3j web3j() {
        return web3j;
    }

    /** The latest block number. */
    public BigInteger blockNumber() throws ChainException {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber();
        } catch (IOException e) {
            throw new ChainException("Ethereum RPC at " + rpcUrl + " failed: " + reason(e), e);
        }
    }

    /** The latest block's timestamp (unix seconds): the chain's clock, which decides deadlines. */
    public long latestBlockTime() throws ChainException {
        try {
            return web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send()
                    .getBlock().getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new ChainException("Ethereum RPC at " + rpcUrl + " failed: " + reason(e), e);
        }
    }

    /**
     * The latest block, read from the node at most once per {@code maxAge} for everyone who
     * shares this connection: participants in one JVM that wait for new blocks poll together, so
     * the node serves one request per interval, not one per participant (at N = 100 their polls
     * alone would saturate a devnet). A caller that finds a read under way waits for it.
     */
    public EthBlock.Block latestBlock(Duration maxAge) throws ChainException {
        synchronized (latestLock) {
            if (latest != null && System.nanoTime() - latestReadAt < maxAge.toNanos()) {
                return latest;
            }
            EthBlock.Block block = TaskContracts.call("read the latest block",
                    () -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock());
            if (block == null) {
                throw new ChainException("Ethereum RPC at " + rpcUrl + " returned no latest block");
            }
            latest = block;
            latestReadAt = System.nanoTime();
            return block;
        }
    }

    /** A read of chain state, for {@link #readAtLeastAt}. */
    public interface Read<T> {
        T read() throws ChainException;
    }

    /** The latest value of one shared read and the block it is at least as new as. */
    private static final class BlockRead {
        private BigInteger block = BigInteger.valueOf(-1);
        private Object value;
    }

    /**
     * The result of {@code read} (a read of the latest state, named {@code key}) as of block
     * {@code block} or later, shared by everyone on this connection: the first caller that has
     * seen block {@code block} reads, callers that have seen no newer block get its result. So
     * participants in one JVM that check the same view after every block (a task's round and
     * phase) cost the node one read per block, not one per participant: at N = 100 that is the
     * difference between a devnet serving the task and a devnet saturated by it. The value may
     * come from a block newer than {@code block}, never an older one.
     */
    @SuppressWarnings("unchecked")
    public <T> T readAtLeastAt(String key, BigInteger block, Read<T> read) throws ChainException {
        BlockRead slot = shared("read " + key, BlockRead::new);
        synchronized (slot) {
            if (slot.block.compareTo(block) >= 0) {
                return (T) slot.value;
            }
            T value = read.read();
            slot.block = block;
            slot.value = value;
            return value;
        }
    }

    /**
     * The object named {@code key} that everyone on this connection shares (say, a task's
     * followed event logs), made by {@code make} on first use.
     */
    @SuppressWarnings("unchecked")
    <T> T shared(String key, java.util.function.Supplier<T> make) {
        return (T) shared.computeIfAbsent(key, k -> make.get());
    }

    /** The receipt of transaction {@code hash}, or empty if the node has none (not mined, or unknown). */
    public Optional<TransactionReceipt> receipt(String hash) throws ChainException {
        EthGetTransactionReceipt answer;
        try {
            answer = web3j.ethGetTransactionReceipt(hash).send();
        } catch (IOException e) {
            throw new ChainException("read the receipt of " + hash + " failed: " + e.getMessage(), e);
        }
        if (answer.hasError()) {
            throw new ChainException("read the receipt of " + hash + " failed: " + answer.getError().getMessage());
        }
        return answer.getTransactionReceipt();
    }

    /** Block {@code number} with its transactions in full, or empty if the node has no such block. */
    public Optional<EthBlock.Block> blockWithTransactions(long number) throws ChainException {
        EthBlock answer;
        try {
            answer = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), true).send();
        } catch (IOException e) {
            throw new ChainException("read block " + number + " failed: " + e.getMessage(), e);
        }
        if (answer.hasError()) {
            throw new ChainException("read block " + number + " failed: " + answer.getError().getMessage());
        }
        return Optional.ofNullable(answer.getBlock());
    }

    /** Whether contract code lives at {@code address} (false for a plain account or an unused address). */
    public boolean hasCode(String address) throws ChainException {
        String code = TaskContracts.call("read the code at " + address,
                () -> web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode());
        return code != null && code.length() > 2;
    }

    /**
     * A transaction manager that signs locally for this chain, refuses (with the contract's
     * decoded custom error) a transaction that would revert, and polls receipts from 10 ms on,
     * backing off to 200 ms.
     */
    public TransactionManager transactionManager(Credentials credentials) {
        return new SimulatingTransactionManager(web3j, credentials, chainId,
                new BackoffReceiptProcessor(web3j, RECEIPT_FIRST_POLL, RECEIPT_MAX_POLL, RECEIPT_TIMEOUT));
    }

    /** Gas price from the node per transaction; limits from each transaction's estimate. */
    public ContractGasProvider gasProvider() {
        return new NodeGasProvider(web3j);
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
