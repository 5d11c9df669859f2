package org.fedledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's shape, from a tiny run; the figures themselves are not tested. */
class AggregationBenchmarkTest {
    private static final AggregationBenchmark.Settings TINY =
            new AggregationBenchmark.Settings(4, 1000, 1, 3, 1, AggregationBenchmark.DEFAULT_RULES);

    @Test
    void reportHasTheCopyAndOneRowPerRule() {
        AggregationBenchmark.Report report = AggregationBenchmark.run(TINY);

        assertThat(report.inputBytes()).isEqualTo(4 * 4 * 1000);
        assertThat(report.copy().name()).isEqualTo("copy");
        assertThat(report.copy().ratioToCopy()).isEqualTo(1.0);
        assertThat(report.rules()).extracting(AggregationBenchmark.Result::name)
                .containsExactly("fedavg", "clipped-fedavg:1.0", "median", "trimmed-mean:0.1", "multi-krum:f=2,m=6");
        for (AggregationBenchmark.Result r : report.rules()) {
            assertThat(r.gigabytesPerSecond()).isPositive();
            assertThat(r.ratioToCopy()).isCloseTo(r.gigabytesPerSecond() / report.copy().gigabytesPerSecond(),
                    org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void tableIsMarkdownWithARowPerOperation() {
        String table = AggregationBenchmark.run(TINY).toTable();

        assertThat(table).contains("| operation | median ms | GB/s | vs copy |", "| copy |", "| fedavg |",
                "| multi-krum:f=2,m=6 |");
        assertThat(table.lines().filter(line -> line.startsWith("| "))).hasSize(1 + 1 + 5);
    }

    @Test
    void jsonNamesSettingsAndResults() throws Exception {
        JsonNode json = new ObjectMapper().readTree(AggregationBenchmark.run(TINY).toJson());

        assertThat(json.get("updates").asInt()).isEqualTo(4);
        assertThat(json.get("params").asInt()).isEqualTo(1000);
        assertThat(json.get("copy").get("gigabytesPerSecond").asDouble()).isPositive();
        assertThat(json.get("rules")).hasSize(5);
        assertThat(json.get("rules").get(0).get("name").asText()).isEqualTo("fedavg");
        assertThat(json.get("rules").get(0).has("ratioToCopy")).isTrue();
    }

    @Test
    void settingsRejectUnknownRulesAndEmptyRuns() {
        assertThatThrownBy(() -> new AggregationBenchmark.Settings(1, 1, 0, 1, 1, List.of("krum")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AggregationBenchmark.Settings(1, 1, 0, 0, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
