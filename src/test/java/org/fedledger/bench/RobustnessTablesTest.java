package org.fedledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedledger.adversary.Attack;
import org.fedledger.bench.RobustnessBenchmark.Cell;
import org.fedledger.bench.RobustnessBenchmark.Report;
import org.fedledger.bench.RobustnessBenchmark.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slices of the robustness matrix merged into one report, and its tables. */
class RobustnessTablesTest {
    private static final String KRUM = "multi-krum-agree:f=3,m=7";

    @TempDir
    Path dir;

    @Test
    void aCellMeasuredAgainReplacesTheEarlierOneAndSlicesAddUp() throws Exception {
        Report first = report(List.of(1L), List.of(baseline("fedavg", 1, 0.89), baseline(KRUM, 1, 0.86)),
                List.of(cell(KRUM, "collude", 30, 1, 0.88, 0.8, 3), cell("fedavg", "collude", 30, 1, 0.54, 0, 0)));
        Report second = report(List.of(1L, 2L), List.of(baseline(KRUM, 2, 0.85)),
                List.of(cell(KRUM, "collude", 30, 1, 0.87, 1.0, 5), cell(KRUM, "collude", 30, 2, 0.89, 1.0, 6)));
        Path a = Files.writeString(dir.resolve("a.json"), first.toJson());
        Path b = Files.writeString(dir.resolve("b.json"), second.toJson());

        Report merged = RobustnessTables.read(List.of(a, b));

        assertThat(merged.baselines()).extracting(Cell::rule).containsExactly("fedavg", KRUM, KRUM);
        assertThat(merged.cells()).hasSize(3);
        assertThat(merged.cells()).filteredOn(c -> c.rule().equals(KRUM) && c.seed() == 1)
                .singleElement().extracting(Cell::finalAccuracy).isEqualTo(0.87);
        assertThat(merged.settings().seeds()).containsExactly(1L, 2L);
        String tables = merged.toTable();
        // fedavg before multi-krum-agree in every table; the Krum cell is the mean of both seeds
        assertThat(tables).contains("| attack | fedavg | " + KRUM + " |", "| collude | 0.540 (+35.0) | 0.880 (-2.5) |",
                "### " + KRUM, "| collude | 30% (3) | 2 | 0.8800 | -2.50 | 100.0% | 11 | 0 | 0.00% |");
    }

    @Test
    void unknownAttackerSlashesAreLeftBlank() {
        Report rebuilt = report(List.of(1L), List.of(baseline("median", 1, 0.89)),
                List.of(cell("median", "sign-flip", 10, 1, 0.86, 1.0, -1)));

        assertThat(rebuilt.toTable()).contains("| sign-flip | 10% (1) | 1 | 0.8600 | +3.00 | 100.0% |  | 0 | 0.00% |");
    }

    @Test
    void runsOfDifferentTasksDoNotMerge() {
        Report tenByFive = report(List.of(1L), List.of(baseline("fedavg", 1, 0.89)), List.of());
        Report other = new Report(new Settings(List.of("fedavg"), List.of(Attack.NOISE), List.of(30), List.of(1L), 7, 3, 1,
                "dirichlet:0.5", false), List.of(baseline("fedavg", 1, 0.8)), List.of(), 1);

        assertThatThrownBy(() -> RobustnessTables.merge(List.of(tenByFive, other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different tasks");
    }

    private static Report report(List<Long> seeds, List<Cell> baselines, List<Cell> cells) {
        return new Report(new Settings(List.of("fedavg"), List.of(Attack.COLLUDE), List.of(30), seeds, 10, 5, 1,
                "dirichlet:0.5", false), baselines, cells, 10);
    }

    private static Cell baseline(String rule, long seed, double accuracy) {
        return new Cell(rule, "none", 0, 0, seed, accuracy, 0, 5, 0, 1, 0, 0, 0, BigInteger.ZERO, BigInteger.TEN, 0, 1);
    }

    private static Cell cell(String rule, String attack, int fraction, long seed, double accuracy, double punished,
                             int attackerSlashes) {
        double baseline = rule.equals("fedavg") ? 0.89 : rule.equals("median") ? 0.89 : 0.86 - 0.01 * (seed - 1);
        return new Cell(rule, attack, fraction, fraction / 10, seed, accuracy, 100 * (baseline - accuracy), 5, 15,
                punished, attackerSlashes, 0, 0, BigInteger.ZERO, BigInteger.TEN, 0, 1);
    }
}
