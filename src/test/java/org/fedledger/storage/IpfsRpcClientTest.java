package org.fedledger.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IpfsRpcClientTest {
    private static final byte[] CONTENT = "model weights, round 1\n".getBytes(UTF_8);
    private static final Cid CID = CidCalculator.of(CONTENT);
    private static final Cid OTHER = CidCalculator.of("something else".getBytes(UTF_8));

    private FakeIpfsNode node;

    @BeforeEach
    void startNode() throws IOException {
        node = new FakeIpfsNode();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    private IpfsRpcClient client() {
        return new IpfsRpcClient(node.api(), Duration.ofSeconds(5));
    }

    @Test
    void addPostsOneMultipartFileAndAcceptsKubosStringSize() throws Exception {
        node.on("add", 200, "{\"Name\":\"blob\",\"Hash\":\"" + CID + "\",\"Size\":\"23\"}\n");

        assertThat(client().add(CONTENT)).isEqualTo(CID);

        FakeIpfsNode.Request request = node.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.query()).isEqualTo(
                "cid-version=1&raw-leaves=true&chunker=size-262144&cid-base=base32&pin=true&progress=false");
        assertThat(request.contentType()).startsWith("multipart/form-data; boundary=");
        String boundary = request.contentType().substring("multipart/form-data; boundary=".length());
        assertThat(new String(request.body(), UTF_8)).isEqualTo("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "model weights, round 1\n\r\n--" + boundary + "--\r\n");
    }

    @Test
    void addAcceptsJsIpfsNumericSizeAndTakesTheLastHash() throws Exception {
        node.on("add", 200, "{\"Name\":\"blob\",\"Bytes\":23}\n"
                + "{\"Name\":\"blob\",\"Hash\":\"" + OTHER + "\",\"Size\":14}\n"
                + "{\"Name\":\"blob\",\"Hash\":\"" + CID + "\",\"Size\":23}\n");

        assertThat(client().add(CONTENT)).isEqualTo(CID);
    }

    @Test
    void addAnswerParserReadsBothSizeShapes() throws IOException {
        assertThat(RpcJson.added(("{\"Hash\":\"" + CID + "\",\"Size\":\"262249\"}").getBytes(UTF_8)).size())
                .isEqualTo(262249);
        assertThat(RpcJson.added(("{\"Hash\":\"" + CID + "\",\"Size\":262249}").getBytes(UTF_8)).size())
                .isEqualTo(262249);
        assertThatThrownBy(() -> RpcJson.added(("{\"Hash\":\"" + CID + "\",\"Size\":\"x\"}").getBytes(UTF_8)))
                .hasMessageContaining("Size");
    }

    @Test
    void addRefusesACidOtherThanTheComputedOne() {
        node.on("add", 200, "{\"Name\":\"blob\",\"Hash\":\"" + OTHER + "\",\"Size\":\"14\"}\n");

        assertThatThrownBy(() -> client().add(CONTENT))
                .isInstanceOfSatisfying(ContentVerificationException.class, e -> {
                    assertThat(e.expected()).isEqualTo(CID);
                    assertThat(e.actual()).isEqualTo(OTHER);
                })
                .hasMessageContaining(CID.toString())
                .hasMessageContaining(OTHER.toString());
    }

    @Test
    void addExplainsACidV0Answer() {
        node.on("add", 200, "{\"Hash\":\"QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR\",\"Size\":\"31\"}");

        assertThatThrownBy(() -> client().add(CONTENT))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("not a CIDv1 in base32")
                .hasMessageContaining("cid-version=1");
    }

    @Test
    void addReportsAnAnswerWithoutHash() {
        node.on("add", 200, "{\"Name\":\"blob\",\"Bytes\":23}\n");

        assertThatThrownBy(() -> client().add(CONTENT))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("unusable answer to add")
                .hasMessageContaining("Hash");
    }

    @Test
    void catReturnsBytesThatMatchTheirCid() throws Exception {
        node.on("cat", 200, CONTENT);

        assertThat(client().cat(CID)).isEqualTo(CONTENT);
        assertThat(node.requests().get(0).query()).isEqualTo("arg=" + CID);
    }

    @Test
    void catRefusesTamperedBytes() {
        byte[] tampered = CONTENT.clone();
        tampered[0] ^= 1;
        node.on("cat", 200, tampered);

        assertThatThrownBy(() -> client().cat(CID))
                .isInstanceOfSatisfying(ContentVerificationException.class, e -> {
                    assertThat(e.expected()).isEqualTo(CID);
                    assertThat(e.actual()).isEqualTo(CidCalculator.of(tampered));
                });
    }

    @Test
    void catRefusesABodyOverTheLimitWhetherOrNotItsLengthIsDeclared() {
        node.on("cat", exchange -> FakeIpfsNode.respond(exchange, 200, new byte[11], true));
        IpfsRpcClient client = new IpfsRpcClient(node.api(), Duration.ofSeconds(5), 10);
        assertThatThrownBy(() -> client.cat(CID))
                .isExactlyInstanceOf(ContentTooLargeException.class)
                .hasMessageContaining("more than 10 bytes");

        try (FakeIpfsNode chunked = new FakeIpfsNode()) {
            chunked.on("cat", exchange -> FakeIpfsNode.respond(exchange, 200, new byte[100_000], false));
            assertThatThrownBy(() -> new IpfsRpcClient(chunked.api(), Duration.ofSeconds(5), 1000).cat(CID))
                    .isExactlyInstanceOf(ContentTooLargeException.class)
                    .hasMessageContaining("more than 1000 bytes");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void catWithALimitStopsAtTheCallersLimitAndAcceptsContentUpToIt() throws Exception {
        node.on("cat", exchange -> FakeIpfsNode.respond(exchange, 200, CONTENT, false));

        assertThat(client().cat(CID, CONTENT.length)).isEqualTo(CONTENT);
        assertThatThrownBy(() -> client().cat(CID, CONTENT.length - 1))
                .isInstanceOfSatisfying(ContentTooLargeException.class,
                        e -> assertThat(e.limit()).isEqualTo(CONTENT.length - 1))
                .hasMessageContaining("more than " + (CONTENT.length - 1) + " bytes");
    }

    @Test
    void pinPostsTheCid() throws Exception {
        node.on("pin/add", 200, "{\"Pins\":[\"" + CID + "\"]}");

        client().pin(CID);

        assertThat(node.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v0/pin/add");
            assertThat(request.query()).isEqualTo("arg=" + CID);
        });
    }

    @Test
    void pinReportsAnAnswerWithoutPins() {
        node.on("pin/add", 200, "");

        assertThatThrownBy(() -> client().pin(CID))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("without \"Pins\"");
    }

    @Test
    void versionReturnsTheNodesVersionField() throws Exception {
        node.on("version", 200, "{\"Version\":\"0.18.1\",\"Commit\":\"\",\"Repo\":\"12\"}");

        assertThat(client().version()).isEqualTo("0.18.1");
    }

    @Test
    void httpErrorCarriesTheNodesMessage() {
        node.on("cat", 500, "{\"Message\":\"merkledag: not found\",\"Code\":0,\"Type\":\"error\"}\n");

        assertThatThrownBy(() -> client().cat(CID))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessage("IPFS API at " + node.api() + " rejected cat with HTTP 500: merkledag: not found");
    }

    @Test
    void httpErrorWithoutJsonShowsTheBodyAndAHint() {
        node.on("version", 404, "404 page not found\n");

        assertThatThrownBy(() -> client().version())
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("HTTP 404: 404 page not found")
                .hasMessageContaining("not a gateway");
    }

    @Test
    void unreachableNodeIsNamedInOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        IpfsRpcClient client = new IpfsRpcClient(URI.create("http://127.0.0.1:" + port + "/"));

        assertThatThrownBy(client::version)
                .isExactlyInstanceOf(StorageException.class)
                .hasMessage("IPFS API at http://127.0.0.1:" + port + " is unreachable (connection refused): "
                        + "start a node with `./fl devnet up` or pass --ipfs-api URL");
    }

    @Test
    void nodeThatStallsMidBodyTimesOut() {
        node.on("cat", exchange -> {
            exchange.sendResponseHeaders(200, CONTENT.length);
            OutputStream out = exchange.getResponseBody();
            out.write(CONTENT, 0, 3);
            out.flush();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        IpfsRpcClient client = new IpfsRpcClient(node.api(), Duration.ofMillis(500));

        assertThatThrownBy(() -> client.cat(CID))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("did not answer cat within 500 ms")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aConnectionDroppedUnderARequestIsRetriedOnceOnAFreshOne() throws Exception {
        try (DroppingServer server = new DroppingServer(1)) {
            assertThat(new IpfsRpcClient(server.api()).version()).isEqualTo("0.29.0");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aNodeThatDropsEveryConnectionFailsInOneLineAfterOneRetry() throws Exception {
        try (DroppingServer server = new DroppingServer(Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> new IpfsRpcClient(server.api()).version())
                    .isExactlyInstanceOf(StorageException.class)
                    .hasMessageStartingWith("IPFS API at " + server.api() + " failed during version (")
                    .hasMessageEndingWith("): check that the node is healthy and retry")
                    .hasMessageNotContaining("\n");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    /**
     * A node that reads a request and closes the connection without answering, as Kubo does to a
     * keep-alive connection that idled past its timeout, for the first {@code drops} connections;
     * then answers {@code version}.
     */
    private static final class DroppingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread thread;

        DroppingServer(int drops) throws IOException {
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        int n = accepted.incrementAndGet();
                        BufferedReader in = new BufferedReader(
                                new InputStreamReader(connection.getInputStream(), UTF_8));
                        String line;
                        while ((line = in.readLine()) != null && !line.isEmpty()) {
                            // the request's headers; version has no body
                        }
                        if (n > drops) {
                            byte[] body = "{\"Version\":\"0.29.0\"}".getBytes(UTF_8);
                            OutputStream out = connection.getOutputStream();
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
                            out.write(body);
                            out.flush();
                        }
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        URI api() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        int connections() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
