package org.fedledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.fedledger.chain.TaskPhase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dashboard's server against hand-made histories: what it serves, pushes and refuses. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DashboardServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(20);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private DashboardServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DashboardServer start(HistorySource source) throws DashboardException {
        server = DashboardServer.start(source, Binding.loopback(0), POLL);
        return server;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET until the first read is in: the server answers 503 before. */
    private JsonNode history() throws Exception {
        for (int i = 0; i < 500; i++) {
            HttpResponse<String> r = get("api/history");
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no history after 5 s");
    }

    @Test
    void pageShowsThePlotsAndTablesAndNeedsNothingFromElsewhere() throws Exception {
        start(new FakeHistories.Source(FakeHistories.history(2, 3, true)));
        history();

        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).startsWith("<!DOCTYPE html>")
                .contains("<svg id=\"accuracy-plot\"", "<svg id=\"rewards-plot\"", "<svg id=\"gas-plot\"",
                        "<circle", "<rect", "id=\"rounds-body\"", "<td class=\"l\">finalized</td>",
                        "<td class=\"l\">running</td>", FakeHistories.TASK, "fetch('api/update?after='",
                        "\"phase\":\"commit\"", "\"deadline\":1700000600")
                .doesNotContain("src=\"http", "href=\"http", "@import", "url(");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void historyIsTheStatusBesideTheReportsJson() throws Exception {
        FakeHistories.Source source = new FakeHistories.Source(FakeHistories.history(2, 2, true));
        start(source);

        JsonNode body = history();

        assertThat(body.get("status").get("phase").asText()).isEqualTo("completed");
        assertThat(body.get("status").get("round").asLong()).isEqualTo(2);
        assertThat(body.get("status").get("numRounds").asLong()).isEqualTo(2);
        assertThat(body.get("status").get("deadline").asLong()).isZero();
        assertThat(body.get("status").get("block").asLong()).isEqualTo(100);
        assertThat(body.get("status").get("error").isNull()).isTrue();
        assertThat(body.get("history")).isEqualTo(JSON.readTree(FakeHistories.history(2, 2, true).toJson()));
        assertThat(get("api/history").headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
    }

    @Test
    void historyIsUnavailableUntilTheFirstReadEnds() throws Exception {
        FakeHistories.Source source = new FakeHistories.Source(FakeHistories.history(1, 2, false));
        CountDownLatch gate = source.hold();
        start(source);

        HttpResponse<String> early = get("api/history");
        assertThat(early.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(early.body()).get("status").get("read").asBoolean()).isFalse();
        assertThat(get("/").body()).contains("Reading\u2026");

        gate.countDown();
        assertThat(history().get("history").get("rounds")).hasSize(2);
    }

    @Test
    void eventsPushTheCurrentStateAtOnceAndAnUpdateWhenTheSourceMoves() throws Exception {
        FakeHistories.Source source = new FakeHistories.Source(FakeHistories.history(1, 3, true));
        start(source);
        history();
        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(server.url().resolve("api/events"))
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
        Iterator<String> lines = stream.body().iterator();

        JsonNode first = nextEvent(lines);
        assertThat(first.get("status").get("round").asLong()).isEqualTo(2);
        assertThat(first.get("sections").get("gas").asText()).startsWith("<svg id=\"gas-plot\"");
        assertThat(first.get("sections").get("rounds").asText()).contains("<td class=\"l\">running</td>");
        int readsBefore = source.reads.get();
        Thread.sleep(POLL.toMillis() * 10);
        assertThat(source.reads.get()).as("an unchanged version is not read again").isEqualTo(readsBefore);

        source.set(FakeHistories.history(3, 3, true));
        JsonNode second = nextEvent(lines);

        assertThat(second.get("status").get("phase").asText()).isEqualTo("completed");
        assertThat(second.get("sections").get("rounds").asText()).doesNotContain("running");
        assertThat(second.get("sections").get("accuracy").asText()).contains("round 3: 80.0%");
        stream.body().close();
    }

    @Test
    void updatesAnswerOnlyWhatIsNewerThanThePagesNumber() throws Exception {
        FakeHistories.Source source = new FakeHistories.Source(FakeHistories.history(1, 3, true));
        start(source);
        long seen = history().get("status").get("sequence").asLong();

        HttpResponse<String> all = get("api/update?after=-1");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(all.body()).get("sections").get("rounds").asText()).contains("running");
        assertThat(get("api/update?after=" + seen).statusCode()).isEqualTo(204);
        assertThat(get("api/update?after=x").statusCode()).isEqualTo(400);

        source.set(FakeHistories.history(2, 3, true));
        JsonNode newer = awaitStatus(s -> s.get("sequence").asLong() > seen);
        HttpResponse<String> next = get("api/update?after=" + seen);
        assertThat(next.statusCode()).isEqualTo(200);
        JsonNode update = JSON.readTree(next.body());
        assertThat(update.get("status").get("sequence")).isEqualTo(newer.get("sequence"));
        assertThat(update.get("status").get("round").asLong()).isEqualTo(3);
    }

    @Test
    void aFailedReadIsShownAndTheLastHistoryStays() throws Exception {
        FakeHistories.Source source = new FakeHistories.Source(FakeHistories.history(1, 3, false));
        start(source);
        history();

        source.fail(new IllegalStateException("node went away\nsecond line"));
        JsonNode failed = awaitStatus(s -> !s.get("error").isNull());
        assertThat(failed.get("error").asText()).isEqualTo("node went away");
        assertThat(history().get("history").get("rounds")).hasSize(2);

        source.fail(null);
        assertThat(awaitStatus(s -> s.get("error").isNull()).get("round").asLong()).isEqualTo(2);
    }

    @Test
    void closingEndsTheOpenEventStreams() throws Exception {
        start(new FakeHistories.Source(FakeHistories.history(1, 3, false)));
        history();
        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(server.url().resolve("api/events"))
                .build(), HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = stream.body().iterator();
        nextEvent(lines);

        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> lines.forEachRemaining(l -> { }));
        server.close();

        drained.get(5, TimeUnit.SECONDS);
    }

    @Test
    void listensOnLoopbackUnlessToldOtherwise() throws Exception {
        start(new FakeHistories.Source(FakeHistories.history(0, 1, false)));

        assertThat(server.url().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
        assertThat(server.port()).isPositive();
        assertThat(Binding.loopback(0).address().isLoopbackAddress()).isTrue();
        InetAddress any = InetAddress.getByName("0.0.0.0");
        assertThatThrownBy(() -> new Binding(any, 8088, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("0.0.0.0 is not a loopback address, and the dashboard has no authentication: pass "
                        + "--public to serve it beyond this machine anyway");
        assertThat(new Binding(any, 8088, true).allowPublic()).isTrue();
        assertThatThrownBy(() -> Binding.loopback(70_000)).hasMessage("port 70000 is not between 0 and 65535");
    }

    @Test
    void aTakenPortIsNamedInTheFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> DashboardServer.open(Binding.loopback(taken.getLocalPort())))
                    .isInstanceOf(DashboardException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

    @Test
    void onLoopbackOnlyLoopbackHostsAreAnswered() throws Exception {
        start(new FakeHistories.Source(FakeHistories.history(0, 1, false)));

        assertThat(rawStatus("GET", "attacker.example:" + server.port())).isEqualTo(403);
        assertThat(rawStatus("GET", "localhost:" + server.port())).isEqualTo(200);
        assertThat(rawStatus("GET", "127.0.0.1:" + server.port())).isEqualTo(200);
        assertThat(rawStatus("POST", "127.0.0.1:" + server.port())).isEqualTo(405);
        assertThat(DashboardServer.loopbackHost("[::1]:8088")).isTrue();
        assertThat(DashboardServer.loopbackHost("127.0.0.2")).isTrue();
        assertThat(DashboardServer.loopbackHost("10.0.0.1:8088")).isFalse();
        assertThat(DashboardServer.loopbackHost("localhost.attacker.example")).isFalse();
        assertThat(DashboardServer.loopbackHost(null)).isFalse();
    }

    /** The status code of a request sent by hand, since HttpClient will not set a Host header. */
    private int rawStatus(String method, String host) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " / HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private JsonNode awaitStatus(Predicate<JsonNode> condition) throws Exception {
        for (int i = 0; i < 500; i++) {
            JsonNode status = JSON.readTree(get("api/history").body()).get("status");
            if (condition.test(status)) {
                return status;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("status never matched");
    }

    /** The data of the next {@code update} event on an event stream. */
    private static JsonNode nextEvent(Iterator<String> lines) throws Exception {
        boolean update = false;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.equals("event: update")) {
                update = true;
            } else if (update && line.startsWith("data: ")) {
                return JSON.readTree(line.substring("data: ".length()));
            }
        }
        throw new AssertionError("the event stream ended");
    }

    @Test
    void aRunningPhaseCarriesItsDeadline() throws Exception {
        start(new FakeHistories.Source(FakeHistories.history(1, 3, false)));
        JsonNode status = history().get("status");
        assertThat(status.get("phase").asText()).isEqualTo(TaskPhase.COMMIT.name().toLowerCase());
        assertThat(status.get("deadline").asLong()).isEqualTo(1_700_000_600L);
        assertThat(status.get("chainTime").asLong()).isEqualTo(1_700_000_000L);
    }
}
