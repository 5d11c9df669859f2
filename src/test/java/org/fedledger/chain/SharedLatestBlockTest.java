package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * Participants in one JVM that wait for new blocks share their reads of the latest block: on a
 * loopback JSON-RPC node that counts {@code eth_getBlockByNumber} calls and mines a block per
 * call, 8 threads asking at once within the shared age cause one read.
 */
class SharedLatestBlockTest {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private final AtomicInteger blockReads = new AtomicInteger();
    private HttpServer node;

    @BeforeEach
    void startNode() throws IOException {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher id = ID.matcher(request);
            String requestId = id.find() ? id.group(1) : "1";
            String result;
            if (request.contains("eth_chainId")) {
                result = "\"0x539\"";
            } else {
                int number = blockReads.incrementAndGet();
                result = "{\"number\":\"0x" + Integer.toHexString(number) + "\",\"timestamp\":\"0x6553f100\","
                        + "\"hash\":\"0x" + "0".repeat(64) + "\",\"transactions\":[]}";
            }
            byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"result\":" + result + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.setExecutor(Executors.newFixedThreadPool(4));
        node.start();
    }

    @AfterEach
    void stopNode() {
        node.stop(0);
    }

    @Test
    void waitersOnOneConnectionShareOneReadOfTheLatestBlock() throws Exception {
        try (Chain chain = Chain.connect(URI.create("http://127.0.0.1:" + node.getAddress().getPort()), 1337L)) {
            ExecutorService waiters = Executors.newFixedThreadPool(8);
            try {
                List<Future<EthBlock.Block>> reads = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    reads.add(waiters.submit(() -> chain.latestBlock(Duration.ofHours(1))));
                }
                for (Future<EthBlock.Block> read : reads) {
                    assertThat(read.get().getNumber()).isEqualTo(1);
                }
            } finally {
                waiters.shutdownNow();
            }
            assertThat(blockReads.get()).isEqualTo(1);

            assertThat(chain.latestBlock(Duration.ZERO).getNumber()).as("older than allowed: read again").isEqualTo(2);
            assertThat(blockReads.get()).isEqualTo(2);
        }
    }
}
