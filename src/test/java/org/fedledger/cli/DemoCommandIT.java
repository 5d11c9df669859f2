package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fl demo}, small: its own devnet and IPFS node, 4 participants (one sign-flipping) for 3
 * rounds. The global model learns, the attacker is left out of every average and earns nothing,
 * the honest participants keep their stakes and are paid, and the JSON and HTML reports are written.
 */
class DemoCommandIT {
    @TempDir
    Path dir;

    @Test
    void theDemoTrainsRewardsTheHonestAndPaysTheAttackerNothing() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("demo.json");
        Path html = dir.resolve("report.html");
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute("demo",
                "--data-dir", dir.toString(), "--participants", "4", "--attackers", "1", "--rounds", "3",
                "--json", json.toString(), "--report", html.toString());

        assertThat(code).as("exit code; stderr: %s; stdout: %s", err, out).isZero();
        assertThat(out.toString()).contains("[5/5]", "Global model, test accuracy", "sign-flip",
                "HTML report with plots written to " + html);
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.path("rule").asText()).isEqualTo("multi-krum:f=1,m=3");
        double initial = result.path("initialAccuracy").asDouble();
        JsonNode rounds = result.path("rounds");
        assertThat(rounds).hasSize(3);
        for (JsonNode round : rounds) {
            assertThat(round.path("status").asText()).isEqualTo("finalized");
        }
        assertThat(rounds.get(2).path("accuracy").asDouble()).isGreaterThan(initial + 0.3);
        for (JsonNode p : result.path("participants")) {
            BigInteger joined = new BigInteger(p.path("stakeJoined").asText());
            BigInteger stake = new BigInteger(p.path("stake").asText());
            BigInteger rewards = new BigInteger(p.path("rewards").asText());
            if (p.path("role").asText().equals("honest")) {
                assertThat(stake).as("honest stake").isEqualTo(joined);
                assertThat(rewards).as("honest rewards").isPositive();
                assertThat(p.path("slashes").asInt()).isZero();
                assertThat(p.path("roundsAccepted").asInt()).isEqualTo(3);
            } else {
                // Multi-Krum leaves the sign-flipped update out of every average: it earns nothing;
                // a valid file far from the crowd is not slashable (an honest outlier could be one)
                assertThat(rewards).as("attacker rewards").isZero();
                assertThat(p.path("roundsAccepted").asInt()).isZero();
                assertThat(stake).as("attacker stake").isEqualTo(joined);
            }
        }
        String page = Files.readString(html);
        assertThat(page).contains("<svg", result.path("task").asText());
        assertThat(Files.exists(dir.resolve("demo").resolve("devnet.url"))).as("services stopped").isFalse();
    }
}
