package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedledger.Home;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskClient;
import org.fedledger.report.AccuracyProbe;
import org.fedledger.report.TaskHistoryReader;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fl dashboard} as a person sees it: three participants train for two rounds, the
 * dashboard runs as its own process (as {@code ./fl dashboard} would) on a free port, follows a
 * withdrawal made while it runs, and headless Chromium (Debian's package, installed by
 * {@code tools/ensure-chromium} when missing) renders it: the DOM after the page's script ran
 * must show the finalized rounds and the plots, and a screenshot is kept beside the failsafe
 * reports ({@code dashboard.png}, with {@code dashboard-dom.html}). In this package for
 * {@link TaskFixture}.
 */
@LocalServices
class DashboardBrowserIT {
    private static final int PARTICIPANTS = 3;
    private static final int ROUNDS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("fl dashboard: task 0x[0-9a-f]{40} on chain \\d+ at (\\S+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void dashboardOfARealTaskShowsItsRoundsAndPlotsInHeadlessChromium(TestDevnet devnet, TestIpfs ipfs,
                                                                       @TempDir Path dir) throws Exception {
        Path chromium = ensureChromium();
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, PARTICIPANTS, ROUNDS, "fedavg")) {
            List<Participant> participants = new ArrayList<>();
            for (int i = 1; i <= PARTICIPANTS; i++) {
                participants.add(fixture.participant(i, dir, PARTICIPANTS, ParticipantListener.NONE));
            }
            FederatedTrainingIT.runAll(participants);
            long started = System.nanoTime();
            TaskHistoryReader.open(fixture.chain, fixture.task, null).read(AccuracyProbe.NONE);
            System.out.printf("dashboard IT: a full history read without accuracy takes %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);

            try (CliProcess dashboard = CliProcess.start(dir, "dashboard", "--task", fixture.task, "--port", "0",
                    "--accuracy", "--rpc-url", devnet.rpcUrl().toString(), "--chain-id",
                    String.valueOf(devnet.chainId()), "--ipfs-api", ipfs.apiUrl().toString(), "--data-dir",
                    dir.toString())) {
                String line = dashboard.awaitLine(l -> URL.matcher(l).find(), Duration.ofMinutes(2));
                Matcher m = URL.matcher(line);
                assertThat(m.find()).isTrue();
                URI url = URI.create(m.group(1));
                assertThat(url.getHost()).isEqualTo("127.0.0.1");
                assertThat(url.getPort()).isPositive().isNotEqualTo(8088);

                // the first read measures the three models; a later one finds them in the cache
                JsonNode first = await(url, s -> s.get("read").asBoolean(), Duration.ofMinutes(2));
                assertThat(first.get("status").get("phase").asText()).isEqualTo("completed");
                assertThat(first.get("history").get("rounds")).hasSize(ROUNDS);
                assertThat(first.get("history").get("rounds").get(1).get("accuracy").asDouble()).isGreaterThan(0.5);
                String account = DevAccounts.account(1).getAddress().toLowerCase();
                new TaskClient(fixture.chain, DevAccounts.account(1), fixture.task).withdrawRewards();
                long seen = first.get("status").get("sequence").asLong();
                JsonNode after = await(url, s -> s.get("sequence").asLong() > seen, Duration.ofSeconds(30));
                JsonNode withdrawn = null;
                for (JsonNode p : after.get("history").get("participants")) {
                    withdrawn = p.get("address").asText().equals(account) ? p : withdrawn;
                }
                assertThat(withdrawn).as(account + " in " + after).isNotNull();
                assertThat(withdrawn.get("rewards").asText()).isEqualTo("0");
                System.out.printf("dashboard IT: first read %d ms (measuring 3 models), read after a withdrawal "
                                + "%d ms (accuracy cached)%n", first.get("status").get("readMillis").asLong(),
                        after.get("status").get("readMillis").asLong());

                Path artifacts = buildDir().resolve("failsafe-reports");
                Files.createDirectories(artifacts);
                String dom = chromium(chromium, dir, "--dump-dom", url.toString());
                Files.writeString(artifacts.resolve("dashboard-dom.html"), dom);
                assertThat(dom).contains("data-live=\"yes\"", "<p id=\"status\">Completed: 2 of 2 rounds</p>",
                        "<svg id=\"accuracy-plot\"", "<svg id=\"rewards-plot\"", "<svg id=\"gas-plot\"",
                        "round 2 (finalized)", fixture.task.toLowerCase());
                assertThat(count(dom, "<td class=\"l\">finalized</td>")).isEqualTo(ROUNDS);
                String accuracy = dom.substring(dom.indexOf("<svg id=\"accuracy-plot\""));
                accuracy = accuracy.substring(0, accuracy.indexOf("</svg>"));
                assertThat(count(accuracy, "<circle")).as("initial model and two rounds").isEqualTo(ROUNDS + 1);
                String gas = dom.substring(dom.indexOf("<svg id=\"gas-plot\""));
                assertThat(count(gas.substring(0, gas.indexOf("</svg>")), "<rect")).isEqualTo(ROUNDS);

                Path png = artifacts.resolve("dashboard.png");
                Files.deleteIfExists(png);
                chromium(chromium, dir, "--screenshot=" + png, url.toString());
                byte[] bytes = Files.readAllBytes(png);
                assertThat(bytes.length).as("screenshot size").isGreaterThan(10_000);
                assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
                System.out.println("dashboard IT: screenshot " + png + " (" + bytes.length + " bytes)");

                // Ctrl-C (here SIGTERM, which runs the same shutdown hook) stops it cleanly
                dashboard.interrupt();
                assertThat(dashboard.awaitLine(l -> l.equals("fl dashboard: stopped"), Duration.ofSeconds(30)))
                        .isNotNull();
            }
        }
    }

    /** The history once its status matches, asked every 200 ms. */
    private JsonNode await(URI url, Predicate<JsonNode> status, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < until) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("api/history"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            last = JSON.readTree(r.body());
            if (status.test(last.get("status"))) {
                return last;
            }
            Thread.sleep(200);
        }
        return fail("the dashboard's status never matched; last: " + last);
    }

    /**
     * Runs {@code tools/ensure-chromium}, which installs Debian's chromium package when it is
     * missing; fails the test, saying why, when it cannot.
     */
    private static Path ensureChromium() throws Exception {
        Path script = Home.root().resolve("tools").resolve("ensure-chromium");
        Path out = Files.createTempFile("ensure-chromium", ".out");
        Path err = Files.createTempFile("ensure-chromium", ".err");
        try {
            long started = System.nanoTime();
            Process p = new ProcessBuilder("bash", script.toString()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(script + " did not finish in 10 minutes: " + Files.readString(err));
            }
            if (p.exitValue() != 0) {
                fail("this test needs headless Chromium, and " + script + " could not provide it (exit "
                        + p.exitValue() + "): " + Files.readString(err).strip());
            }
            Path browser = Path.of(Files.readString(out).strip());
            System.out.printf("dashboard IT: chromium at %s, ready in %.1f s%n", browser,
                    (System.nanoTime() - started) / 1e9);
            return browser;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs headless Chromium on a 1280 x 1600 window, letting the page's script run 5 s; returns its stdout. */
    private static String chromium(Path browser, Path dir, String... args) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + profile, "--window-size=1280,1600",
                "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("chromium " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        if (p.exitValue() != 0) {
            List<String> log = Files.readAllLines(err);
            fail("chromium " + String.join(" ", args) + " failed (exit " + p.exitValue() + "): "
                    + String.join("\n", log.subList(Math.max(0, log.size() - 20), log.size())));
        }
        return Files.readString(out);
    }

    /** The build directory ({@code fl.buildDir}): where this class was compiled to, one up. */
    private static Path buildDir() throws Exception {
        return Path.of(DashboardBrowserIT.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** {@code fl} as an OS process on the test's class path, its output going to a file. */
    private static final class CliProcess implements AutoCloseable {
        private final Process process;
        private final Path output;

        private CliProcess(Process process, Path output) {
            this.process = process;
            this.output = output;
        }

        static CliProcess start(Path dir, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"),
                    "-Dfedledger.home=" + System.getProperty("fedledger.home", ""), "org.fedledger.cli.Fl"));
            command.addAll(List.of(args));
            Path output = Files.createTempFile(dir, "fl-dashboard", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("OMP_NUM_THREADS", "1");
            return new CliProcess(builder.start(), output);
        }

        private List<String> lines() throws IOException {
            return Files.readAllLines(output);
        }

        /** The first line that matches, waiting up to {@code timeout}; fails the test with the output otherwise. */
        String awaitLine(Predicate<String> wanted, Duration timeout) throws Exception {
            long until = System.nanoTime() + timeout.toNanos();
            do {
                for (String line : lines()) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                Thread.sleep(50);
            } while (System.nanoTime() < until);
            return fail("fl dashboard never printed the expected line (" + (process.isAlive() ? "still running"
                    : "exit code " + process.exitValue()) + "); its output:\n" + String.join("\n", lines()));
        }

        /** Asks the process to stop as Ctrl-C does (SIGTERM runs the same shutdown hooks as SIGINT). */
        void interrupt() {
            process.destroy();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            lines().forEach(l -> System.out.println("  [fl dashboard] " + l));
        }
    }
}
