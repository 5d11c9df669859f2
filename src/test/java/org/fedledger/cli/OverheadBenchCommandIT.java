package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fl bench overhead --quick} on a devnet and IPFS node of its own: 4 participants x 2
 * rounds as plain FedAvg and as a FedLedger task. Beside the output's shape: both runs complete
 * every round, end with the same model (single-threaded training is reproducible and FedAvg is
 * order-independent), and the breakdown of a FedLedger round fits in the round. No figure is
 * held to a speed: benchmarks measure, tests check.
 */
class OverheadBenchCommandIT {
    @TempDir
    Path dir;

    @Test
    void quickRunComparesPlainFedAvgWithTheSameTaskThroughFedLedger() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("overhead.json");
        Path markdown = dir.resolve("overhead.md");
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("bench", "overhead", "--quick", "--json", json.toString(), "--markdown", markdown.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| seed | plain FedAvg s/round | FedLedger s/round | FedLedger / plain |",
                "| seed | training | IPFS put | IPFS get | transactions | chain reads |");
        assertThat(Files.readString(markdown)).contains("Where a FedLedger round goes");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("settings").path("participants").asInt()).isEqualTo(4);
        JsonNode cells = report.path("cells");
        assertThat(cells).hasSize(1);
        JsonNode cell = cells.get(0);
        JsonNode plain = cell.path("plain");
        JsonNode ledger = cell.path("fedLedger");

        assertThat(plain.path("roundSeconds")).hasSize(2);
        assertThat(ledger.path("roundSeconds")).hasSize(2);
        assertThat(ledger.path("finalizedRounds").asInt()).isEqualTo(2);
        for (JsonNode seconds : ledger.path("roundSeconds")) {
            assertThat(seconds.asDouble()).isPositive();
        }
        assertThat(cell.path("ratio").asDouble()).isPositive();
        assertThat(plain.path("finalAccuracy").asDouble()).isGreaterThan(0.5);
        assertThat(ledger.path("finalAccuracy").asDouble()).isCloseTo(plain.path("finalAccuracy").asDouble(), within(0.02));
        assertThat(cell.path("identicalWeights").asBoolean()).as(cell.path("accuracyNote").asText()).isTrue();

        JsonNode b = ledger.path("breakdown");
        double parts = 0;
        for (String part : new String[] {"training", "ipfsPut", "ipfsGet", "transactions", "chainReads", "checks",
            "aggregation", "waiting"}) {
            assertThat(b.path(part).asDouble()).as(part).isNotNegative();
            parts += b.path(part).asDouble();
        }
        assertThat(b.path("training").asDouble()).isPositive();
        assertThat(b.path("transactions").asDouble()).isPositive();
        assertThat(b.path("ipfsGet").asDouble()).isPositive();
        assertThat(parts).isLessThanOrEqualTo(ledger.path("secondsPerRound").asDouble() + 1e-9);
        assertThat(ledger.path("cidChecksPerRound").asDouble())
                .isPositive().isLessThan(b.path("ipfsPut").asDouble() + b.path("ipfsGet").asDouble());
    }
}
