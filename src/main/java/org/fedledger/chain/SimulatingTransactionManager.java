package org.fedledger.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.exceptions.TxHashMismatchException;
import org.web3j.tx.response.EmptyTransactionReceipt;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * Signs transactions locally like {@link RawTransactionManager}, but first runs each one as an
 * {@code eth_call} from the same sender: a transaction that would revert is never sent (no gas
 * spent) and fails with a {@link ContractRevertException} that names the contract's custom
 * error, which Ganache and many nodes would otherwise report as a bare "revert".
 *
 * <p>Every RPC request is retried while it fails transiently ({@link Retry}). A transaction is
 * signed once: if sending it fails transiently, the same signed bytes (same nonce, same hash) are
 * sent again, and a node that then answers "already known" or "nonce too low" is asked whether
 * it holds that hash, so a transaction whose first send did arrive is not sent twice. One that
 * is mined but reverted (status 0, e.g. another participant's transaction got there first) is
 * replayed at its block to report the contract's custom error.
 */
final class SimulatingTransactionManager extends RawTransactionManager {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Signed transactions handed to a node, process-wide; see {@link #submissions()}. */
    private static final AtomicLong SUBMISSIONS = new AtomicLong();

    private final Web3j web3j;
    private final TransactionReceiptProcessor receipts;
    private final Retry retry;

    SimulatingTransactionManager(Web3j web3j, Credentials credentials, long chainId, TransactionReceiptProcessor receipts) {
        this(web3j, credentials, chainId, receipts, Retry.standard());
    }

    SimulatingTransactionManager(Web3j web3j, Credentials credentials, long chainId, TransactionReceiptProcessor receipts,
                                 Retry retry) {
        super(web3j, credentials, chainId, receipts);
        this.web3j = web3j;
        this.receipts = Objects.requireNonNull(receipts, "receipts == null");
        this.retry = Objects.requireNonNull(retry, "retry == null");
    }

    /**
     * How many signed transactions any instance has started to send. A caller that sees this
     * unchanged across a failed action knows that the action sent nothing and may be run again.
     */
    /** How long a gas estimate may take before the caller's limit is used instead. */
    static final Duration ESTIMATE_TIMEOUT = Duration.ofSeconds(5);
    /** How long an estimate may go unanswered before the same estimate is asked for once more. */
    static final Duration ESTIMATE_HEDGE = Duration.ofSeconds(1);

    static long submissions() {
        return SUBMISSIONS.get();
    }

    @Override
    public EthSendTransaction sendTransaction(BigInteger gasPrice, BigInteger gasLimit, String to, String data,
                                              BigInteger value, boolean constructor) throws IOException {
        simulate(to, data, value);
        BigInteger limit = limit(gasLimit, to, data, value);
        return submit(nonce -> RawTransaction.createTransaction(nonce, gasPrice, limit, to, value, data));
    }

    @Override
    public EthSendTransaction sendEIP1559Transaction(long chainId, BigInteger maxPriorityFeePerGas,
                                                     BigInteger maxFeePerGas, BigInteger gasLimit, String to,
                                                     String data, BigInteger value, boolean constructor)
            throws IOException {
        simulate(to, data, value);
        BigInteger limit = limit(gasLimit, to, data, value);
        return submit(nonce -> RawTransaction.createTransaction(chainId, nonce, limit, to, value, data,
                maxPriorityFeePerGas, maxFeePerGas));
    }

    /** Sends a transaction whose nonce the caller chose: re-sent on transient failures, never re-signed. */
    @Override
    public EthSendTransaction signAndSend(RawTransaction transaction) throws IOException {
        return new Submission(transaction, null).send();
    }

    /** The sender's next nonce, counting its pending transactions, as RawTransactionManager takes it. */
    @Override
    protected BigInteger getNonce() throws IOException {
        EthGetTransactionCount count = rpc("eth_getTransactionCount",
                web3j.ethGetTransactionCount(getFromAddress(), DefaultBlockParameterName.PENDING));
        if (count.hasError()) {
            throw new IOException("eth_getTransactionCount failed: " + count.getError().getMessage());
        }
        return count.getTransactionCount();
    }

    /** A view call, as RawTransactionManager makes it, retried while it fails transiently. */
    @Override
    public String sendCall(String to, String data, DefaultBlockParameter block) throws IOException {
        return viewCall(web3j, retry, getFromAddress(), to, data, block);
    }

    /** A view call from {@code from}, retried while it fails transiently; shared with {@link ViewCalls}. */
    static String viewCall(Web3j web3j, Retry retry, String from, String to, String data, DefaultBlockParameter block)
            throws IOException {
        EthCall call = rpc(retry, "eth_call", web3j.ethCall(Transaction.createEthCallTransaction(from, to, data), block));
        if (call.isReverted()) {
            throw new ContractCallException(String.format(REVERT_ERR_STR, call.getRevertReason()));
        }
        return call.getValue();
    }

    /** Waits for the receipt (polling again after transient failures) and reports a mined revert. */
    @Override
    protected TransactionReceipt processResponse(EthSendTransaction sent) throws IOException, TransactionException {
        if (sent.hasError()) {
            return super.processResponse(sent); // a definite error: web3j's JsonRpcError, as before
        }
        String hash = sent.getTransactionHash();
        TransactionReceipt receipt = retry.run("wait for the receipt of " + hash,
                () -> receipts.waitForTransactionReceipt(hash));
        if (receipt instanceof EmptyTransactionReceipt || receipt.isStatusOK()) {
            return receipt;
        }
        throw revertedOnChain(receipt);
    }

    /**
     * The node's gas estimate plus a margin of 20% or 100,000 gas, whichever is more, never above
     * the caller's limit. The estimate is made against the current state, but other senders'
     * transactions may land first and change the path taken: a vote estimated as an ordinary
     * vote (~60k) may be mined as the one that finalizes the round (~120k). Only the gas used
     * is paid, so the margin costs nothing. An estimate that fails or takes longer than
     * {@link #ESTIMATE_TIMEOUT} falls back to the caller's limit: Ganache 7.9.2 sometimes never
     * answers {@code eth_estimateGas} while it serves other clients (seen with 4 participants),
     * and the transaction has already passed its simulation. Such an estimate is lost, not slow
     * (probably one made while a block is mined: Ganache estimates on a copy of its working state
     * trie), and the same estimate asked again is answered: waiting 5 s for it stalled about one
     * transaction per round, and the round with it. So an estimate unanswered after
     * {@link #ESTIMATE_HEDGE} is asked for once more, and the first answer wins.
     */
    private BigInteger limit(BigInteger callerLimit, String to, String data, BigInteger value) throws IOException {
        Transaction tx = Transaction.createFunctionCallTransaction(getFromAddress(), null, null, null, to, value, data);
        EthEstimateGas estimate;
        try {
            estimate = estimate(tx);
        } catch (TimeoutException | ExecutionException e) {
            return callerLimit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while estimating gas");
        }
        if (estimate.hasError() || estimate.getAmountUsed() == null) {
            return callerLimit;
        }
        BigInteger used = estimate.getAmountUsed();
        BigInteger margin = used.divide(BigInteger.valueOf(5)).max(BigInteger.valueOf(100_000));
        return used.add(margin).min(callerLimit);
    }

    /**
     * The first answer to {@code tx}'s estimate, asked once more if the first ask is unanswered
     * after {@link #ESTIMATE_HEDGE}, until {@link #ESTIMATE_TIMEOUT}. Only once: an estimate that
     * is slow rather than lost (a busy node) must not be multiplied, which would slow the node
     * further (measured: asking again every 500 ms made LeavingIT 4 times slower on a loaded
     * machine).
     */
    private EthEstimateGas estimate(Transaction tx) throws TimeoutException, ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + ESTIMATE_TIMEOUT.toNanos();
        CompletableFuture<EthEstimateGas> first = web3j.ethEstimateGas(tx).sendAsync();
        CompletableFuture<EthEstimateGas> second = null;
        try {
            try {
                return first.get(ESTIMATE_HEDGE.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                second = web3j.ethEstimateGas(tx).sendAsync(); // lost or slow: ask once more
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no gas estimate in " + ESTIMATE_TIMEOUT);
            }
            return (EthEstimateGas) CompletableFuture.anyOf(first, second).get(left, TimeUnit.NANOSECONDS);
        } finally {
            first.cancel(false);
            if (second != null) {
                second.cancel(false);
            }
        }
    }

    /** Runs a transaction as an {@code eth_call}: one that would revert throws its {@link ContractRevertException}. */
    void simulate(String to, String data, BigInteger value) throws IOException {
        Transaction call = Transaction.createFunctionCallTransaction(getFromAddress(), null, null, null, to, value, data);
        EthCall result = rpc("eth_call", web3j.ethCall(call, DefaultBlockParameterName.LATEST));
        if (result.hasError()) {
            throw new ContractRevertException(to == null ? "deployment" : "transaction to " + to,
                    revertData(result.getError().getData()));
        }
    }

    /**
     * A mined transaction's failure: throws the contract's error, found by replaying the
     * transaction at its block, or else returns a {@link TransactionException} naming it.
     */
    private TransactionException revertedOnChain(TransactionReceipt receipt) throws IOException {
        String hash = receipt.getTransactionHash();
        String where = "transaction " + hash + (receipt.getTo() == null ? " (deployment)" : " to " + receipt.getTo())
                + " (mined in block " + receipt.getBlockNumber() + ", status " + receipt.getStatus() + ")";
        var mined = rpc("eth_getTransactionByHash", web3j.ethGetTransactionByHash(hash)).getTransaction();
        if (mined.isEmpty()) {
            return new TransactionException(where + " reverted on-chain; the node no longer returns it", receipt);
        }
        var tx = mined.get();
        BigInteger gas = tx.getGasRaw() == null ? null : tx.getGas();
        Transaction replay = Transaction.createFunctionCallTransaction(tx.getFrom(), null, null, gas, tx.getTo(),
                tx.getValueRaw() == null ? BigInteger.ZERO : tx.getValue(), tx.getInput());
        EthCall result = rpc("eth_call", web3j.ethCall(replay, DefaultBlockParameter.valueOf(receipt.getBlockNumber())));
        Response.Error error = result.getError();
        if (error != null && Transient.isRevert(error) && revertData(error.getData()).length() > 2) {
            throw new ContractRevertException(where, revertData(error.getData()));
        }
        String reason = error == null ? "replaying it at that block does not revert"
                : "replaying it at that block fails with " + firstLine(error.getMessage());
        if (gas != null && gas.equals(receipt.getGasUsed())) {
            reason = "it used all of its " + gas + " gas; " + reason;
        }
        return new TransactionException(where + " reverted on-chain: " + reason, receipt);
    }

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse("no message");
    }

    /** Retries {@code request} while it fails transiently, including JSON-RPC errors that mean "try again". */
    private <R extends Response<?>> R rpc(String method, Request<?, R> request) throws IOException {
        return rpc(retry, method, request);
    }

    private static <R extends Response<?>> R rpc(Retry retry, String method, Request<?, R> request) throws IOException {
        return retry.run(method, () -> {
            R answer = request.send();
            if (answer.hasError() && Transient.isTransient(answer.getError())) {
                throw new Transient.RpcError(method, answer.getError());
            }
            return answer;
        });
    }

    private EthSendTransaction submit(Build build) throws IOException {
        return new Submission(build.with(getNonce()), build).send();
    }

    /** A transaction built for a nonce. */
    private interface Build {
        RawTransaction with(BigInteger nonce);
    }

    /**
     * One transaction on its way to the node: signed once, then the same signed bytes sent until
     * the node has them. Re-signed (with a fresh nonce) only when the node refused its nonce
     * before any copy could have arrived.
     */
    private final class Submission {
        private final Build rebuild;
        private RawTransaction transaction;
        private String signed;
        private String hash;
        /** Whether an earlier send failed in a way that may hide its arrival at the node. */
        private boolean mayHaveArrived;

        Submission(RawTransaction transaction, Build rebuild) {
            this.rebuild = rebuild;
            sign(transaction);
        }

        private void sign(RawTransaction tx) {
            transaction = tx;
            signed = SimulatingTransactionManager.this.sign(tx);
            hash = Hash.sha3(signed);
            mayHaveArrived = false;
        }

        EthSendTransaction send() throws IOException {
            SUBMISSIONS.incrementAndGet();
            return retry.run("eth_sendRawTransaction", this::attempt);
        }

        private EthSendTransaction attempt() throws IOException {
            EthSendTransaction answer;
            try {
                answer = web3j.ethSendRawTransaction(signed).send();
            } catch (IOException | RuntimeException e) {
                mayHaveArrived |= Transient.isTransient(e);
                throw e;
            }
            if (!answer.hasError()) {
                if (!txHashVerifier.verify(hash, answer.getTransactionHash())) {
                    throw new TxHashMismatchException(hash, answer.getTransactionHash());
                }
                return answer;
            }
            Response.Error error = answer.getError();
            if (Transient.alreadyKnown(error)) {
                return sent();
            }
            if (Transient.nonceUsed(error)) {
                if (knownToNode()) {
                    return sent();
                }
                if (mayHaveArrived) {
                    throw new IOException("the node says nonce " + transaction.getNonce() + " of " + getFromAddress()
                            + " is used (" + error.getMessage() + ") but does not know transaction " + hash
                            + ", whose earlier send may have arrived: check the account's transactions before retrying");
                }
                if (rebuild != null && Transient.nonceTaken(error)) {
                    sign(rebuild.with(getNonce())); // another sender with this key took the nonce
                    throw new Transient.RpcError("eth_sendRawTransaction", error);
                }
            }
            if (Transient.isTransient(error)) {
                throw new Transient.RpcError("eth_sendRawTransaction", error);
            }
            return answer; // a definite refusal, reported by processResponse
        }

        private boolean knownToNode() throws IOException {
            return rpc("eth_getTransactionByHash", web3j.ethGetTransactionByHash(hash)).getTransaction().isPresent();
        }

        private EthSendTransaction sent() {
            EthSendTransaction answer = new EthSendTransaction();
            answer.setResult(hash);
            return answer;
        }
    }

    /** Nodes put revert data in error.data as a hex string (Geth, Hardhat) or inside an object (Ganache). */
    static String revertData(String data) {
        if (data == null) {
            return "0x";
        }
        String trimmed = data.strip();
        if (trimmed.startsWith("\"")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (trimmed.startsWith("0x")) {
            return trimmed;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            for (String field : new String[] {"result", "data", "return"}) {
                if (node.path(field).isTextual() && node.path(field).asText().startsWith("0x")) {
                    return node.path(field).asText();
                }
            }
        } catch (IOException ignored) {
            // not JSON: no decodable data
        }
        return "0x";
    }
}
