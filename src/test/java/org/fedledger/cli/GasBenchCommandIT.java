package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fl bench gas} on a devnet of its own, at small sizes: the table, the JSON and sane figures. */
class GasBenchCommandIT {
    @TempDir
    Path dir;

    @Test
    void gasBenchMeasuresEveryCallAndWritesJson() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("gas.json");
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("bench", "gas", "--participants", "2,3", "--rounds", "2", "--json", json.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| 2 | 2 |", "| 3 | 2 |", "per participant-round");
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).path("rows");
        assertThat(rows).hasSize(2);
        for (JsonNode row : rows) {
            long commit = row.path("commit").asLong();
            long reveal = row.path("reveal").asLong();
            long vote = row.path("vote").asLong();
            assertThat(commit).isBetween(21_000L, 200_000L);
            assertThat(reveal).isBetween(21_000L, 200_000L);
            assertThat(vote).isBetween(21_000L, 300_000L);
            assertThat(row.path("claim").asLong()).isGreaterThan(21_000L);
            assertThat(row.path("votesPerRound").asLong()).isBetween(1L, row.path("participants").asLong());
            assertThat(row.path("perParticipantRound").asLong()).isGreaterThan(commit + reveal);
        }
    }
}
