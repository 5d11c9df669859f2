package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fedledger.contracts.generated.FedToken;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.protocol.Service;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The transaction manager against a scripted JSON-RPC node (a fake of the wire, not of Web3j):
 * which requests it repeats after which failures, that a signed transaction is sent again
 * rather than signed anew, and how mined reverts are reported.
 */
class RetryingTransactionManagerTest {
    private static final long CHAIN_ID = 1337;
    private static final Credentials SENDER = DevAccounts.account(4);
    private static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String HOLDER = DevAccounts.account(5).getAddress();
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);
    private static final BigInteger CALLER_LIMIT = BigInteger.valueOf(15_000_000);
    private static final String UNAUTHORIZED = "0x118cdaa7"
            + "00000000000000000000000022d491bde2303f2f43325b2108d26f1eaba1e32b";

    private final FakeNode node = new FakeNode();
    private final RetryTest.FakeClock clock = new RetryTest.FakeClock();
    private final Retry retry = new Retry(RetryPolicy.DEFAULT, clock);
    private final Web3j web3j = Web3j.build(node);
    private final SimulatingTransactionManager manager = new SimulatingTransactionManager(web3j, SENDER, CHAIN_ID,
            new PollingTransactionReceiptProcessor(web3j, 1, 3), retry);
    private final FedToken token = FedToken.load(TOKEN, web3j, manager, new StaticGasProvider(GAS_PRICE, CALLER_LIMIT));

    private TransactionReceipt mint() throws Exception {
        return token.mint(HOLDER, BigInteger.TEN).send();
    }

    private static ClientConnectionException http503() {
        return new ClientConnectionException("Invalid response received: 503; Service Unavailable");
    }

    private static List<Duration> millis(long... values) {
        List<Duration> out = new ArrayList<>();
        for (long v : values) {
            out.add(Duration.ofMillis(v));
        }
        return out;
    }

    @Test
    void aSendWhoseAnswerWasLostIsSentAgainAsTheSameTransactionAndMinedOnce() throws Exception {
        node.fault("eth_sendRawTransaction", Fault.afterHandling(http503()));

        TransactionReceipt receipt = mint();

        List<String> sent = node.params("eth_sendRawTransaction");
        assertThat(sent).hasSize(2).containsOnly(sent.get(0));
        assertThat(receipt.getTransactionHash()).isEqualTo(Hash.sha3(sent.get(0)));
        assertThat(node.mined).hasSize(1);
        assertThat(node.count("eth_getTransactionCount")).isEqualTo(1);
        assertThat(node.count("eth_getTransactionByHash")).as("asked whether the lost send arrived").isEqualTo(1);
        assertThat(clock.sleeps).isEqualTo(millis(100));
    }

    @Test
    void aSendThatNeverArrivedIsSentAgainAndAccepted() throws Exception {
        node.fault("eth_sendRawTransaction", Fault.beforeHandling(new ConnectException("Connection refused")));
        node.fault("eth_sendRawTransaction", Fault.beforeHandling(new IOException("unexpected end of stream on http://node")));

        TransactionReceipt receipt = mint();

        assertThat(node.params("eth_sendRawTransaction")).hasSize(3).containsOnly(node.params("eth_sendRawTransaction").get(0));
        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(node.mined).hasSize(1);
        assertThat(clock.sleeps).isEqualTo(millis(100, 200));
    }

    @Test
    void alreadyKnownOnAResendMeansTheFirstSendArrived() throws Exception {
        node.duplicateAnswer = "already known"; // Geth's words; otherwise the fake answers as Ganache does
        node.fault("eth_sendRawTransaction", Fault.afterHandling(new java.net.SocketTimeoutException("Read timed out")));

        TransactionReceipt receipt = mint();

        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(node.mined).hasSize(1);
        assertThat(node.count("eth_getTransactionByHash")).isZero();
    }

    @Test
    void ganacheMiningTheFirstSendWhenItArrivesAgainMeansTheFirstSendArrived() throws Exception {
        // seen under load: the answer to the first send is lost, and Ganache refuses the copy
        node.duplicateAnswer = "transaction can't be replaced, mining has already started. (please open an issue "
                + "with reproduction steps: https://github.com/trufflesuite/ganache/issues/new)";
        node.fault("eth_sendRawTransaction", Fault.afterHandling(new java.net.SocketTimeoutException("Read timed out")));

        TransactionReceipt receipt = mint();

        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(node.mined).hasSize(1);
        assertThat(node.params("eth_sendRawTransaction")).hasSize(2).containsOnly(node.params("eth_sendRawTransaction").get(0));
        assertThat(node.count("eth_getTransactionByHash")).as("asked whether the copy is its own").isEqualTo(1);
    }

    @Test
    void aResendRefusedForANonceTakenByAnotherTransactionIsNotSignedAgain() {
        node.staleNonceAnswer = "nonce too low"; // Geth's words
        node.fault("eth_sendRawTransaction", Fault.beforeHandling(http503()));
        node.onFault = () -> node.nonce = node.nonce.add(BigInteger.ONE); // another sender with this key got in first

        Throwable thrown = catchThrowable(() -> TaskContracts.call("mint", this::mint, retry));

        assertThat(thrown).isInstanceOf(ChainException.class)
                .hasMessageStartingWith("mint failed: the node says nonce 7 of " + SENDER.getAddress() + " is used (nonce too low)")
                .hasMessageEndingWith("whose earlier send may have arrived: check the account's transactions before retrying");
        assertThat(node.params("eth_sendRawTransaction")).hasSize(2).containsOnly(node.params("eth_sendRawTransaction").get(0));
        assertThat(node.count("eth_getTransactionCount")).isEqualTo(1);
        assertThat(node.mined).isEmpty();
    }

    @Test
    void aFreshTransactionWhoseNonceWasTakenIsSignedAgainWithTheNextNonce() throws Exception {
        node.staleNonces.add(BigInteger.valueOf(6)); // the pending count raced another sender

        TransactionReceipt receipt = mint();

        List<String> sent = node.params("eth_sendRawTransaction");
        assertThat(sent).hasSize(2).doesNotHaveDuplicates();
        assertThat(TransactionDecoder.decode(sent.get(0)).getNonce()).isEqualTo(6);
        assertThat(TransactionDecoder.decode(sent.get(1)).getNonce()).isEqualTo(7);
        assertThat(receipt.getTransactionHash()).isEqualTo(Hash.sha3(sent.get(1)));
        assertThat(node.mined).hasSize(1);
    }

    @Test
    void aRevertInSimulationIsNeitherRetriedNorSent() {
        node.simulationRevert = UNAUTHORIZED;

        Throwable thrown = catchThrowable(() -> TaskContracts.call("mint", this::mint, retry));

        assertThat(thrown).isInstanceOfSatisfying(ContractRevertException.class,
                e -> assertThat(e.errorName()).hasValue("OwnableUnauthorizedAccount"));
        assertThat(node.count("eth_call")).isEqualTo(1);
        assertThat(node.count("eth_sendRawTransaction")).isZero();
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void transientFailuresBeforeSendingAreRetriedStepByStep() throws Exception {
        node.fault("eth_call", Fault.beforeHandling(http503()));
        node.fault("eth_call", Fault.answering(-32000, "header not found"));
        node.fault("eth_estimateGas", Fault.beforeHandling(new ConnectException("Connection refused")));
        node.fault("eth_getTransactionCount", Fault.answering(-32005, "limit exceeded"));
        node.fault("eth_getTransactionReceipt", Fault.beforeHandling(http503()));

        TransactionReceipt receipt = mint();

        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(node.count("eth_sendRawTransaction")).isEqualTo(1);
        // a failed estimate is not retried: the simulated transaction goes out with the caller's limit
        assertThat(node.count("eth_estimateGas")).isEqualTo(1);
        assertThat(TransactionDecoder.decode(node.params("eth_sendRawTransaction").get(0)).getGasLimit())
                .isEqualTo(CALLER_LIMIT);
        assertThat(clock.sleeps).isEqualTo(millis(100, 200, 100, 100));
    }

    @Test
    void aTransactionRevertedOnChainReportsTheContractErrorFoundByReplayingIt() {
        node.minedStatus = "0x0";
        node.replayRevert = UNAUTHORIZED;

        Throwable thrown = catchThrowable(() -> TaskContracts.call("mint", this::mint, retry));

        String hash = Hash.sha3(node.params("eth_sendRawTransaction").get(0));
        assertThat(thrown).isInstanceOfSatisfying(ContractRevertException.class, e -> {
            assertThat(e.errorName()).hasValue("OwnableUnauthorizedAccount");
            assertThat(e).hasMessageStartingWith("transaction " + hash + " to " + TOKEN + " (mined in block 100, status 0x0) reverted: ");
        });
        JsonNode replay = node.calls.get(node.calls.size() - 1).params();
        assertThat(node.calls.get(node.calls.size() - 1).method()).isEqualTo("eth_call");
        assertThat(replay.get(1).asText()).as("replayed at the transaction's block").isEqualTo("0x64");
        assertThat(replay.get(0).get("from").asText()).isEqualToIgnoringCase(SENDER.getAddress());
        assertThat(replay.get(0).get("data").asText()).startsWith("0x40c10f19"); // mint(address,uint256)
        assertThat(node.count("eth_sendRawTransaction")).isEqualTo(1);
    }

    @Test
    void aTransactionRevertedOnChainForNoReplayableReasonIsAChainExceptionNamingIt() {
        node.minedStatus = "0x0";

        Throwable thrown = catchThrowable(() -> TaskContracts.call("mint", this::mint, retry));

        String hash = Hash.sha3(node.params("eth_sendRawTransaction").get(0));
        assertThat(thrown).isInstanceOf(ChainException.class).hasMessage("mint failed: transaction " + hash + " to " + TOKEN
                + " (mined in block 100, status 0x0) reverted on-chain: replaying it at that block does not revert");
    }

    @Test
    void aSendThatKeepsFailingGivesUpAndTheActionIsNotRunAgain() {
        Retry four = new Retry(new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 4, Duration.ofMinutes(1)), clock);
        SimulatingTransactionManager impatient = new SimulatingTransactionManager(web3j, SENDER, CHAIN_ID,
                new PollingTransactionReceiptProcessor(web3j, 1, 3), four);
        FedToken viaImpatient = FedToken.load(TOKEN, web3j, impatient, new StaticGasProvider(GAS_PRICE, CALLER_LIMIT));
        for (int i = 0; i < 20; i++) {
            node.fault("eth_sendRawTransaction", Fault.beforeHandling(http503()));
        }

        Throwable thrown = catchThrowable(() -> TaskContracts.call("mint", () -> viaImpatient.mint(HOLDER, BigInteger.TEN).send(), four));

        assertThat(thrown).isInstanceOf(ChainException.class).hasMessage(
                "mint failed: eth_sendRawTransaction failed 4 times in 0.7 s, giving up: Invalid response received: 503; Service Unavailable");
        assertThat(node.params("eth_sendRawTransaction")).hasSize(4).containsOnly(node.params("eth_sendRawTransaction").get(0));
        assertThat(node.count("eth_call")).as("simulated once: the action ran once").isEqualTo(1);
    }

    @Test
    void anActionIsRunAgainOnlyWhileItHasSentNothing() throws Exception {
        int[] runs = {0};
        String result = TaskContracts.call("read the gas price", () -> {
            if (++runs[0] == 1) {
                throw new java.io.UncheckedIOException(new IOException("eth_gasPrice", http503()));
            }
            return "ok";
        }, retry);
        assertThat(result).isEqualTo("ok");
        assertThat(runs[0]).isEqualTo(2);

        int[] sendingRuns = {0};
        Throwable thrown = catchThrowable(() -> TaskContracts.call("mint and more", () -> {
            sendingRuns[0]++;
            mint();
            throw http503(); // e.g. a second transaction's eth_gasPrice
        }, retry));
        assertThat(thrown).isInstanceOf(ChainException.class)
                .hasMessage("mint and more failed: Invalid response received: 503; Service Unavailable");
        assertThat(sendingRuns[0]).isEqualTo(1);
        assertThat(node.mined).hasSize(1);
    }

    @Test
    void aDefiniteRefusalOfTheTransactionIsNotRetried() {
        node.fault("eth_sendRawTransaction", Fault.answering(-32000, "insufficient funds for gas * price + value"));

        Throwable thrown = catchThrowable(() -> TaskContracts.call("mint", this::mint, retry));

        assertThat(thrown).isInstanceOf(ChainException.class).hasMessageContaining("insufficient funds for gas * price + value");
        assertThat(node.count("eth_sendRawTransaction")).isEqualTo(1);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void theGasLimitIsTheEstimatePlusAMarginCappedAtTheCallersLimit() throws Exception {
        node.estimate = BigInteger.valueOf(100_000);
        mint();
        node.estimate = BigInteger.valueOf(1_000_000);
        mint();
        FedToken capped = FedToken.load(TOKEN, web3j, manager, new StaticGasProvider(GAS_PRICE, BigInteger.valueOf(50_000)));
        capped.mint(HOLDER, BigInteger.TEN).send();

        List<String> sent = node.params("eth_sendRawTransaction");
        assertThat(TransactionDecoder.decode(sent.get(0)).getGasLimit()).as("+100,000").isEqualTo(200_000);
        assertThat(TransactionDecoder.decode(sent.get(1)).getGasLimit()).as("+20%").isEqualTo(1_200_000);
        assertThat(TransactionDecoder.decode(sent.get(2)).getGasLimit()).as("capped").isEqualTo(50_000);
    }

    @Test
    void viewsAreRetriedButTheirRevertsAreNot() throws Exception {
        node.fault("eth_call", Fault.beforeHandling(http503()));
        node.viewResult = "0x000000000000000000000000000000000000000000000000000000000000002a";

        assertThat(token.balanceOf(HOLDER).send()).isEqualTo(42);
        assertThat(clock.sleeps).isEqualTo(millis(100));

        node.viewResult = null;
        node.simulationRevert = "0x08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020"
                + "0000000000000000000000000000000000000000000000000000000000000003" + "626164"
                + "0000000000000000000000000000000000000000000000000000000000";
        int before = node.count("eth_call");
        assertThat(catchThrowable(() -> manager.sendCall(TOKEN, "0x70a08231", DefaultBlockParameterName.LATEST)))
                .isInstanceOf(ContractCallException.class);
        assertThat(node.count("eth_call")).isEqualTo(before + 1);
    }

    @Test
    void aGasEstimateThatIsNeverAnsweredIsAskedForAgain() throws Exception {
        node.estimatesToLose = 1; // as Ganache 7.9.2 sometimes does while it mines
        node.estimate = BigInteger.valueOf(100_000);
        try {
            TransactionReceipt receipt = mint();

            assertThat(receipt.isStatusOK()).isTrue();
            assertThat(node.count("eth_estimateGas")).isEqualTo(2);
            // the second estimate's answer plus its margin, not the caller's limit after a timeout
            assertThat(TransactionDecoder.decode(node.params("eth_sendRawTransaction").get(0)).getGasLimit())
                    .isEqualTo(BigInteger.valueOf(200_000));
        } finally {
            node.lostAnswers.countDown();
        }
    }

    // ----- the scripted node -----

    /** What the next request of a method meets instead of (or after) the node's handling. */
    private record Fault(boolean handleFirst, RuntimeException unchecked, IOException io, Integer code, String message) {
        static Fault beforeHandling(Exception e) {
            return e instanceof IOException io ? new Fault(false, null, io, null, null)
                    : new Fault(false, (RuntimeException) e, null, null, null);
        }

        static Fault afterHandling(Exception e) {
            Fault f = beforeHandling(e);
            return new Fault(true, f.unchecked, f.io, null, null);
        }

        static Fault answering(int code, String message) {
            return new Fault(false, null, null, code, message);
        }

        void raise() throws IOException {
            if (io != null) {
                throw io;
            }
            throw unchecked;
        }
    }

    private record Call(String method, JsonNode params) {}

    /**
     * A one-account Ethereum node on the JSON-RPC wire: it checks nonces, mines each accepted
     * transaction at once into block 100, answers receipts and transactions by hash, and meets
     * scripted faults first.
     */
    private static final class FakeNode extends Service {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        /** Estimates to receive and never answer (until {@link #lostAnswers} is released). */
        volatile int estimatesToLose;
        final CountDownLatch lostAnswers = new CountDownLatch(1);
        final Map<String, Deque<Fault>> faults = new HashMap<>();
        final Map<String, SignedRawTransaction> mined = new LinkedHashMap<>();
        final Deque<BigInteger> staleNonces = new ArrayDeque<>();
        BigInteger nonce = BigInteger.valueOf(7);
        BigInteger estimate = BigInteger.valueOf(60_000);
        String minedStatus = "0x1";
        String simulationRevert;
        String replayRevert;
        String viewResult;
        String duplicateAnswer = null;
        /** Ganache's words by default; Geth says "nonce too low". */
        String staleNonceAnswer = "the tx doesn't have the correct nonce. account has nonce of: %d tx has nonce of: %d";
        Runnable onFault = () -> { };

        FakeNode() {
            super(false);
        }

        void fault(String method, Fault fault) {
            faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(fault);
        }

        int count(String method) {
            return (int) calls.stream().filter(c -> c.method().equals(method)).count();
        }

        List<String> params(String method) {
            return calls.stream().filter(c -> c.method().equals(method)).map(c -> c.params().get(0).asText()).toList();
        }

        @Override
        protected InputStream performIO(String request) throws IOException {
            JsonNode json = JSON.readTree(request);
            String method = json.get("method").asText();
            JsonNode params = json.get("params");
            calls.add(new Call(method, params));
            if (method.equals("eth_estimateGas") && estimatesToLose > 0) {
                estimatesToLose--;
                try {
                    lostAnswers.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the node never answered");
            }
            ObjectNode answer = NODES.objectNode().put("jsonrpc", "2.0").put("id", json.get("id").asLong());
            Fault fault = faults.getOrDefault(method, new ArrayDeque<>()).poll();
            if (fault != null && fault.code() != null) {
                answer.putObject("error").put("code", fault.code()).put("message", fault.message());
                return stream(answer);
            }
            if (fault != null && !fault.handleFirst()) {
                onFault.run();
                fault.raise();
            }
            handle(method, params, answer);
            if (fault != null) {
                onFault.run();
                fault.raise();
            }
            return stream(answer);
        }

        private void handle(String method, JsonNode params, ObjectNode answer) {
            switch (method) {
                case "eth_call" -> call(params, answer);
                case "eth_estimateGas" -> answer.put("result", Numeric.encodeQuantity(estimate));
                case "eth_getTransactionCount" -> answer.put("result",
                        Numeric.encodeQuantity(staleNonces.isEmpty() ? nonce : staleNonces.poll()));
                case "eth_sendRawTransaction" -> send(params.get(0).asText(), answer);
                case "eth_getTransactionReceipt" -> answer.set("result", receipt(params.get(0).asText()));
                case "eth_getTransactionByHash" -> answer.set("result", transaction(params.get(0).asText()));
                default -> answer.putObject("error").put("code", -32601).put("message", "no method " + method);
            }
        }

        private void call(JsonNode params, ObjectNode answer) {
            boolean replay = !params.get(1).asText().equals("latest");
            String revert = replay ? replayRevert : simulationRevert;
            if (revert != null) {
                answer.putObject("error").put("code", 3).put("message", "execution reverted").put("data", revert);
            } else {
                answer.put("result", viewResult == null ? "0x" : viewResult);
            }
        }

        private void send(String raw, ObjectNode answer) {
            SignedRawTransaction tx = (SignedRawTransaction) TransactionDecoder.decode(raw);
            String hash = Hash.sha3(raw);
            if (mined.containsKey(hash) && duplicateAnswer != null) {
                answer.putObject("error").put("code", -32000).put("message", duplicateAnswer);
            } else if (tx.getNonce().compareTo(nonce) < 0) {
                answer.putObject("error").put("code", -32000).put("message", String.format(staleNonceAnswer, nonce, tx.getNonce()));
            } else {
                mined.put(hash, tx);
                nonce = nonce.add(BigInteger.ONE);
                answer.put("result", hash);
            }
        }

        private JsonNode receipt(String hash) {
            SignedRawTransaction tx = mined.get(hash);
            if (tx == null) {
                return NODES.nullNode();
            }
            return NODES.objectNode().put("transactionHash", hash).put("transactionIndex", "0x0")
                    .put("blockHash", Hash.sha3("0x64")).put("blockNumber", "0x64")
                    .put("cumulativeGasUsed", "0xea60").put("gasUsed", "0xea60").put("status", minedStatus)
                    .put("from", SENDER.getAddress()).put("to", tx.getTo()).put("logsBloom", "0x" + "0".repeat(512))
                    .put("type", "0x0").put("effectiveGasPrice", Numeric.encodeQuantity(tx.getGasPrice()))
                    .putNull("contractAddress").set("logs", NODES.arrayNode());
        }

        private JsonNode transaction(String hash) {
            SignedRawTransaction tx = mined.get(hash);
            if (tx == null) {
                return NODES.nullNode();
            }
            return NODES.objectNode().put("hash", hash).put("nonce", Numeric.encodeQuantity(tx.getNonce()))
                    .put("blockHash", Hash.sha3("0x64")).put("blockNumber", "0x64").put("transactionIndex", "0x0")
                    .put("from", SENDER.getAddress()).put("to", tx.getTo()).put("value", Numeric.encodeQuantity(tx.getValue()))
                    .put("gasPrice", Numeric.encodeQuantity(tx.getGasPrice()))
                    .put("gas", Numeric.encodeQuantity(tx.getGasLimit())).put("input", tx.getData()).put("type", "0x0");
        }

        private static InputStream stream(JsonNode answer) {
            return new ByteArrayInputStream(answer.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
        }
    }
}
