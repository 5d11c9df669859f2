package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fl bench privacy --quick} on a devnet and IPFS node of its own: 4 participants x 2
 * rounds without a privacy policy and with epsilon 10 and 1,000, each a real task. Beside the
 * output's shape: every round finalizes, no honest noisy update is rejected, no participant
 * spends more than its budget, and less epsilon means more noise.
 */
class PrivacyBenchCommandIT {
    @TempDir
    Path dir;

    @Test
    void quickRunMeasuresAccuracyAgainstEpsilonWithinTheBudgets() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("privacy.json");
        Path markdown = dir.resolve("privacy.md");
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("bench", "privacy", "--quick", "--json", json.toString(), "--markdown", markdown.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| epsilon (budget) | noise multiplier z | epsilon spent |", "| no DP | - |",
                "| 10 | ", "| 1000 | ");
        assertThat(Files.readString(markdown)).contains("drop vs no DP");
        JsonNode cells = new ObjectMapper().readTree(json.toFile()).path("cells");
        assertThat(cells).hasSize(3);
        // sorted by epsilon: no DP (0), 10, 1000
        assertThat(cells.get(0).path("epsilonTarget").asDouble()).isZero();
        assertThat(cells.get(0).path("finalAccuracy").asDouble()).isGreaterThan(0.5);
        assertThat(cells.get(1).path("noiseMultiplier").asDouble())
                .isGreaterThan(cells.get(2).path("noiseMultiplier").asDouble()).isPositive();
        for (JsonNode cell : cells) {
            assertThat(cell.path("finalizedRounds").asInt()).isEqualTo(2);
            assertThat(cell.path("updatesPerParticipant").asInt()).isEqualTo(2);
            assertThat(cell.path("rejectedUpdates").asInt()).isZero();
            assertThat(cell.path("epsilonSpent").asDouble()).isLessThanOrEqualTo(cell.path("epsilonTarget").asDouble());
        }
        assertThat(cells.get(2).path("epsilonSpent").asDouble()).isGreaterThan(999);
    }
}
