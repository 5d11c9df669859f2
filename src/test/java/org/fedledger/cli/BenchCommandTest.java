package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void aggregationBenchPrintsATableAndWritesJson() throws Exception {
        StringWriter out = new StringWriter();
        Path json = dir.resolve("out/agg.json");
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute("bench", "aggregation", "--updates", "3", "--params", "1000", "--json", json.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("copy", "fedavg", "median", "multi-krum", "JSON written to " + json);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.toString()).contains("fedavg");
    }

    @Test
    void unknownBenchIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("bench", "nonsense");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument");
    }
}
