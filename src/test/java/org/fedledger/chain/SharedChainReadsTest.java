package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * What participants in one JVM share so that a devnet serves 100 of them: one read of a view
 * per block, one tail of a task's logs, and receipts polled from 10 ms on. Against a loopback
 * JSON-RPC node that answers from fields the test sets and records what it was asked.
 */
class SharedChainReadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TASK = "0x00000000000000000000000000000000000000aa";
    private static final String TOPIC_A = "0x" + "a".repeat(64);
    private static final String TOPIC_B = "0x" + "b".repeat(64);

    private volatile long blockNumber = 10;
    /** The logs the node holds, by block: {block, logIndex, topic}. */
    private final List<long[]> nodeLogs = new CopyOnWriteArrayList<>();
    private final List<String> topicsByIndex = new CopyOnWriteArrayList<>(List.of(TOPIC_A, TOPIC_B));
    private final List<long[]> logRanges = new CopyOnWriteArrayList<>();
    private final AtomicInteger receiptAsks = new AtomicInteger();
    private volatile int receiptAfterAsks = 3;
    private HttpServer node;
    private Chain chain;

    @BeforeEach
    void startNode() throws Exception {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String result = answer(request.path("method").asText(), request.path("params"));
            byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + ",\"result\":" + result + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.setExecutor(Executors.newFixedThreadPool(4));
        node.start();
        chain = Chain.connect(URI.create("http://127.0.0.1:" + node.getAddress().getPort()), 1337L);
    }

    @AfterEach
    void stopNode() {
        chain.close();
        node.stop(0);
    }

    private String answer(String method, JsonNode params) {
        return switch (method) {
            case "eth_chainId" -> "\"0x539\"";
            case "eth_blockNumber" -> "\"0x" + Long.toHexString(blockNumber) + "\"";
            case "eth_getLogs" -> logs(params.get(0));
            case "eth_getTransactionReceipt" -> receiptAsks.incrementAndGet() < receiptAfterAsks ? "null"
                    : "{\"transactionHash\":\"" + params.get(0).asText() + "\",\"blockNumber\":\"0x1\","
                    + "\"gasUsed\":\"0x5208\",\"status\":\"0x1\",\"logs\":[]}";
            default -> throw new IllegalArgumentException("unexpected " + method);
        };
    }

    private String logs(JsonNode filter) {
        long from = Long.decode(filter.path("fromBlock").asText());
        long to = Long.decode(filter.path("toBlock").asText());
        logRanges.add(new long[] {from, to});
        List<String> out = new ArrayList<>();
        for (long[] log : nodeLogs) {
            if (log[0] >= from && log[0] <= to) {
                out.add("{\"removed\":false,\"logIndex\":\"0x" + Long.toHexString(log[1]) + "\",\"transactionIndex\":"
                        + "\"0x0\",\"transactionHash\":\"0x" + "1".repeat(64) + "\",\"blockHash\":\"0x" + "2".repeat(64)
                        + "\",\"blockNumber\":\"0x" + Long.toHexString(log[0]) + "\",\"address\":\"" + TASK
                        + "\",\"data\":\"0x\",\"topics\":[\"" + topicsByIndex.get((int) log[2]) + "\"]}");
            }
        }
        return "[" + String.join(",", out) + "]";
    }

    @Test
    void participantsWhoSawTheSameBlockShareOneReadOfAView() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> seen = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                seen.add(readers.submit(() -> chain.readAtLeastAt("view", BigInteger.valueOf(5), reads::incrementAndGet)));
            }
            for (Future<Integer> s : seen) {
                assertThat(s.get()).isEqualTo(1);
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(chain.readAtLeastAt("view", BigInteger.valueOf(6), reads::incrementAndGet))
                .as("a newer block is read again").isEqualTo(2);
        assertThat(chain.readAtLeastAt("view", BigInteger.valueOf(5), reads::incrementAndGet))
                .as("an older block is served the newer value").isEqualTo(2);
        assertThat(chain.readAtLeastAt("other view", BigInteger.valueOf(6), reads::incrementAndGet))
                .as("views are apart").isEqualTo(3);
    }

    @Test
    void queriesAtTheSameBlockShareOneFetchOfTheTasksLogs() throws Exception {
        nodeLogs.add(new long[] {4, 0, 0});
        nodeLogs.add(new long[] {7, 0, 1});
        nodeLogs.add(new long[] {7, 1, 0});
        TaskLogTail tail = new TaskLogTail(chain, TASK, 3);

        List<Log> a = tail.logs(TOPIC_A);
        List<Log> b = tail.logs(TOPIC_B);

        assertThat(a).extracting(l -> l.getBlockNumber().longValue() * 10 + l.getLogIndex().longValue())
                .containsExactly(40L, 71L);
        assertThat(b).hasSize(1);
        assertThat(logRanges).as("the second query found no new block").hasSize(1);
        assertThat(logRanges.get(0)).containsExactly(3, 10);
    }

    @Test
    void aNewBlockFetchesOnlyTheRecentBlocksAndFollowsTheirReorganisation() throws Exception {
        for (long block = 1; block <= 30; block++) {
            nodeLogs.add(new long[] {block, 0, 0});
        }
        blockNumber = 30;
        TaskLogTail tail = new TaskLogTail(chain, TASK, 0);
        assertThat(tail.logs(TOPIC_A)).hasSize(30);

        nodeLogs.removeIf(log -> log[0] == 25); // block 25 was replaced by one without the task's log
        nodeLogs.add(new long[] {31, 0, 0});
        blockNumber = 31;
        List<Log> after = tail.logs(TOPIC_A);

        assertThat(logRanges.get(1)).containsExactly(30 - TaskLogTail.REORG_DEPTH + 1, 31);
        assertThat(after).hasSize(30).noneMatch(l -> l.getBlockNumber().longValue() == 25)
                .anyMatch(l -> l.getBlockNumber().longValue() == 31);
    }

    @Test
    void aReceiptIsPolledUntilTheNodeHasIt() throws Exception {
        receiptAfterAsks = 3;
        BackoffReceiptProcessor receipts = new BackoffReceiptProcessor(chain.web3j(), Duration.ofMillis(1),
                Duration.ofMillis(4), Duration.ofSeconds(30));

        TransactionReceipt receipt = receipts.waitForTransactionReceipt("0x" + "3".repeat(64));

        assertThat(receipt.getGasUsed()).isEqualTo(21_000);
        assertThat(receiptAsks.get()).isEqualTo(3);
    }

    @Test
    void aReceiptThatNeverComesEndsWithTheTransactionNamed() {
        receiptAfterAsks = Integer.MAX_VALUE;
        BackoffReceiptProcessor receipts = new BackoffReceiptProcessor(chain.web3j(), Duration.ofMillis(1),
                Duration.ofMillis(2), Duration.ofMillis(50));

        assertThatThrownBy(() -> receipts.waitForTransactionReceipt("0x" + "4".repeat(64)))
                .isInstanceOf(TransactionException.class).hasMessageContaining("0x" + "4".repeat(64));
        assertThat(receiptAsks.get()).isGreaterThan(1);
    }

    @Test
    void aFirstPollLongerThanTheLongestIsRefused() {
        assertThatThrownBy(() -> new BackoffReceiptProcessor(chain.web3j(), Duration.ofMillis(10),
                Duration.ofMillis(5), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
