package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fl bench scale --quick} on a devnet and IPFS node of its own: tasks of 3 and 6
 * participants x 2 rounds. Beside the output's shape: every round of both finalizes, the
 * participants' calls are found on chain (3 per participant-round, the join once each), the
 * breakdown fits in the round, and the nodes' memory is read. No figure is held to a speed:
 * benchmarks measure, tests check.
 */
class ScaleBenchCommandIT {
    @TempDir
    Path dir;

    @Test
    void quickRunMeasuresTasksOfGrowingSize() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("scale.json");
        Path markdown = dir.resolve("scale.md");
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("bench", "scale", "--quick", "--json", json.toString(), "--markdown", markdown.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| N | s/round | rounds finalized |",
                "| N | training | IPFS put | IPFS get | transactions | chain reads |", "Gas per call by function");
        assertThat(Files.readString(markdown)).contains("Where a round goes");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        JsonNode rows = report.path("rows");
        List<Integer> counts = new ArrayList<>();
        rows.forEach(r -> counts.add(r.path("participants").asInt()));
        assertThat(counts).containsExactly(3, 6);

        for (JsonNode row : rows) {
            int n = row.path("participants").asInt();
            assertThat(row.path("finalizedRounds").asInt()).as("N = %d", n).isEqualTo(2);
            assertThat(row.path("roundSeconds")).hasSize(2);
            assertThat(row.path("finalAccuracy").asDouble()).isGreaterThan(0.5);
            assertThat(calls(row, "commit")).isEqualTo(2L * n);
            assertThat(calls(row, "reveal")).isEqualTo(2L * n);
            assertThat(calls(row, "vote")).isEqualTo(2L * n);
            assertThat(calls(row, "join")).isEqualTo(n);
            assertThat(row.path("gasPerParticipantRound").asDouble()).isPositive();
            assertThat(row.path("joinGas").asDouble()).isPositive();
            assertThat(row.path("heapPeakMegabytes").asDouble()).isPositive();
            assertThat(row.path("devnet").path("megabytes").asDouble()).isPositive();
            assertThat(row.path("ipfs").path("megabytes").asDouble()).isPositive();
            JsonNode b = row.path("breakdown");
            double parts = 0;
            for (String part : new String[] {"training", "ipfsPut", "ipfsGet", "transactions", "chainReads", "checks",
                "aggregation", "waiting"}) {
                assertThat(b.path(part).asDouble()).as(part).isNotNegative();
                parts += b.path(part).asDouble();
            }
            assertThat(b.path("training").asDouble()).isPositive();
            assertThat(parts).isLessThanOrEqualTo(row.path("secondsPerRound").asDouble() + 1e-9);
            assertThat(row.path("reads").path("hits").asLong() + row.path("reads").path("misses").asLong()
                    + row.path("reads").path("coalesced").asLong())
                    .as("updates and global models read").isGreaterThanOrEqualTo(2L * n * n);
        }
    }

    private static long calls(JsonNode row, String function) {
        for (JsonNode f : row.path("gasByFunction")) {
            if (f.path("function").asText().equals(function)) {
                return f.path("calls").asLong();
            }
        }
        return 0;
    }
}
