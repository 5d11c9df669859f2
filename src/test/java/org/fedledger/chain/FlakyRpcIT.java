package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.fedledger.contracts.generated.FedToken;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Real transactions on the devnet through a loopback proxy that fails every third request with
 * a 503 and loses the node's answers to chosen {@code eth_sendRawTransaction}s after the node
 * accepted them: each transaction still takes effect exactly once, and a revert is still
 * reported by its custom error name, without being tried again.
 */
@LocalServices
class FlakyRpcIT {
    private static final BigInteger MINTED = BigInteger.valueOf(1_000);
    private final Credentials deployer = DevAccounts.account(16);
    private final Credentials holder = DevAccounts.account(17);
    private final Credentials spender = DevAccounts.account(18);
    private final Credentials stranger = DevAccounts.account(19);

    @Test
    void transactionsThroughAFlakyRpcEachTakeEffectExactlyOnce(TestDevnet devnet) throws Exception {
        try (FlakyProxy proxy = FlakyProxy.start(devnet.rpcUrl()); Chain direct = devnet.connect();
             Chain flaky = Chain.connect(proxy.url(), devnet.chainId())) {
            BigInteger deployerNonce = nonce(direct, deployer);
            BigInteger holderNonce = nonce(direct, holder);
            proxy.failEvery(3);
            TaskContracts contracts = new TaskContracts(flaky, deployer);

            String token = contracts.deployToken("Flaky", "FLK");
            proxy.next(SendFault.LOSE_ANSWER);
            contracts.mint(token, holder.getAddress(), MINTED);
            proxy.next(SendFault.DROP_CONNECTION);
            TaskContracts.call("approve", () -> tokenAs(flaky, token, holder).approve(spender.getAddress(), BigInteger.valueOf(300)).send());
            proxy.next(SendFault.LOSE_ANSWER);
            TaskContracts.call("transfer", () -> tokenAs(flaky, token, holder).transfer(spender.getAddress(), BigInteger.valueOf(250)).send());

            FedToken check = tokenAs(direct, token, stranger);
            assertThat(check.totalSupply().send()).isEqualTo(MINTED);
            assertThat(check.balanceOf(holder.getAddress()).send()).isEqualTo(750);
            assertThat(check.balanceOf(spender.getAddress()).send()).isEqualTo(250);
            assertThat(check.allowance(holder.getAddress(), spender.getAddress()).send()).isEqualTo(300);
            assertThat(nonce(direct, deployer)).as("deploy and mint, once each").isEqualTo(deployerNonce.add(BigInteger.TWO));
            assertThat(nonce(direct, holder)).as("approve and transfer, once each").isEqualTo(holderNonce.add(BigInteger.TWO));

            List<String> sent = proxy.forwardedSends();
            assertThat(sent.stream().distinct()).as("four signed transactions, none signed twice").hasSize(4);
            assertThat(sent.size()).as("lost answers made the client send the same bytes again").isGreaterThan(4);
            assertThat(proxy.unusedFaults()).isZero();
            assertThat(proxy.injected503s()).as("the proxy did fail requests").isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aRevertThroughAFlakyRpcIsReportedByNameAndNotRetried(TestDevnet devnet) throws Exception {
        try (FlakyProxy proxy = FlakyProxy.start(devnet.rpcUrl()); Chain direct = devnet.connect();
             Chain flaky = Chain.connect(proxy.url(), devnet.chainId())) {
            String token = new TaskContracts(direct, deployer).deployToken("Flaky", "FLK");
            BigInteger strangerNonce = nonce(direct, stranger);
            proxy.failEvery(3);

            Throwable thrown = catchThrowable(() -> TaskContracts.call("mint",
                    () -> tokenAs(flaky, token, stranger).mint(stranger.getAddress(), MINTED).send()));

            assertThat(thrown).isInstanceOfSatisfying(ContractRevertException.class,
                    e -> assertThat(e.description()).hasValue("OwnableUnauthorizedAccount(" + stranger.getAddress() + ")"));
            assertThat(proxy.forwardedCallsFrom(stranger.getAddress())).as("simulated once, not retried").isEqualTo(1);
            assertThat(proxy.forwardedSends()).isEmpty();
            assertThat(nonce(direct, stranger)).isEqualTo(strangerNonce);
        }
    }

    @Test
    void aTransactionThatLosesARaceRevertsOnChainAndIsReportedByName(TestDevnet devnet) throws Exception {
        try (FlakyProxy proxy = FlakyProxy.start(devnet.rpcUrl()); Chain direct = devnet.connect();
             Chain flaky = Chain.connect(proxy.url(), devnet.chainId())) {
            TaskContracts contracts = new TaskContracts(direct, deployer);
            String token = contracts.deployToken("Flaky", "FLK");
            contracts.mint(token, holder.getAddress(), MINTED);
            TaskContracts.call("approve", () -> tokenAs(direct, token, holder).approve(spender.getAddress(), MINTED).send());
            BigInteger spenderNonce = nonce(direct, spender);
            proxy.failEvery(3);
            // Between the spender's simulation and its transaction, the holder moves everything away.
            proxy.beforeNextSend(() -> TaskContracts.call("race",
                    () -> tokenAs(direct, token, holder).transfer(deployer.getAddress(), MINTED).send()));

            Throwable thrown = catchThrowable(() -> TaskContracts.call("transferFrom", () -> tokenAs(flaky, token, spender)
                    .transferFrom(holder.getAddress(), spender.getAddress(), MINTED).send()));

            assertThat(thrown).isInstanceOfSatisfying(ContractRevertException.class, e -> {
                assertThat(e.description()).hasValue("ERC20InsufficientBalance(" + holder.getAddress() + ", 0, " + MINTED + ")");
                assertThat(e).hasMessageContaining("transaction " + Hash.sha3(proxy.forwardedSends().get(0)));
            });
            assertThat(proxy.hookFailure()).isNull();
            assertThat(proxy.forwardedSends()).hasSize(1);
            assertThat(nonce(direct, spender)).as("mined once, reverted").isEqualTo(spenderNonce.add(BigInteger.ONE));
            FedToken check = tokenAs(direct, token, stranger);
            assertThat(check.balanceOf(deployer.getAddress()).send()).isEqualTo(MINTED);
            assertThat(check.balanceOf(spender.getAddress()).send()).isZero();
        }
    }

    private static FedToken tokenAs(Chain chain, String token, Credentials who) {
        return FedToken.load(token, chain.web3j(), chain.transactionManager(who), chain.gasProvider());
    }

    private static BigInteger nonce(Chain chain, Credentials who) throws IOException {
        return chain.web3j().ethGetTransactionCount(who.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    /** What the proxy does to an {@code eth_sendRawTransaction} after forwarding it to the node. */
    enum SendFault {
        /** Answers 503 instead of the node's answer. */
        LOSE_ANSWER,
        /** Closes the connection without an answer. */
        DROP_CONNECTION
    }

    /** A chain action run inside the proxy. */
    interface Hook {
        void run() throws Exception;
    }

    /** A JSON-RPC proxy on 127.0.0.1 that forwards to the devnet and fails requests on cue. */
    static final class FlakyProxy implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final HttpServer server;
        private final ExecutorService executor = Executors.newSingleThreadExecutor();
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final URI target;
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger injected = new AtomicInteger();
        private final Deque<SendFault> sendFaults = new ArrayDeque<>();
        private final List<JsonNode> forwarded = new ArrayList<>();
        private final AtomicReference<Hook> beforeNextSend = new AtomicReference<>();
        private final AtomicReference<Throwable> hookFailure = new AtomicReference<>();
        private volatile int failEvery;

        private FlakyProxy(URI target) throws IOException {
            this.target = target;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(executor); // one request at a time, in arrival order
            server.start();
        }

        static FlakyProxy start(URI target) throws IOException {
            return new FlakyProxy(target);
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        void failEvery(int n) {
            failEvery = n;
        }

        synchronized void next(SendFault fault) {
            sendFaults.add(fault);
        }

        void beforeNextSend(Hook hook) {
            beforeNextSend.set(hook);
        }

        synchronized int unusedFaults() {
            return sendFaults.size();
        }

        int injected503s() {
            return injected.get();
        }

        Throwable hookFailure() {
            return hookFailure.get();
        }

        /** The raw transactions the node received, in order, repeats included. */
        synchronized List<String> forwardedSends() {
            return forwarded.stream().filter(r -> r.path("method").asText().equals("eth_sendRawTransaction"))
                    .map(r -> r.path("params").path(0).asText()).toList();
        }

        /** How many eth_calls from {@code address} the node answered. */
        synchronized long forwardedCallsFrom(String address) {
            return forwarded.stream().filter(r -> r.path("method").asText().equals("eth_call"))
                    .filter(r -> r.path("params").path(0).path("from").asText().equalsIgnoreCase(address)).count();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                JsonNode request = JSON.readTree(body);
                boolean send = request.path("method").asText().equals("eth_sendRawTransaction");
                int n = requests.incrementAndGet();
                if (failEvery > 0 && n % failEvery == 0) {
                    injected.incrementAndGet();
                    answer(exchange, 503, "{\"error\":\"busy\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                Hook hook = send ? beforeNextSend.getAndSet(null) : null;
                if (hook != null) {
                    try {
                        hook.run();
                    } catch (Exception e) {
                        hookFailure.set(e);
                    }
                }
                HttpResponse<byte[]> reply;
                try {
                    reply = client.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                SendFault fault;
                synchronized (this) {
                    forwarded.add(request);
                    fault = send ? sendFaults.poll() : null;
                }
                if (fault == SendFault.LOSE_ANSWER) {
                    injected.incrementAndGet();
                    answer(exchange, 503, "{\"error\":\"lost\"}".getBytes(StandardCharsets.UTF_8));
                } else if (fault != SendFault.DROP_CONNECTION) {
                    answer(exchange, reply.statusCode(), reply.body());
                } // DROP_CONNECTION: closing the exchange unanswered closes the connection
            }
        }

        private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
