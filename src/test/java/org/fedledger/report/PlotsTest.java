package org.fedledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PlotsTest {
    @Test
    void axisStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Plots.niceStep(0.2)).isEqualTo(0.2);
        assertThat(Plots.niceStep(0.23)).isEqualTo(0.5);
        assertThat(Plots.niceStep(3)).isEqualTo(5);
        assertThat(Plots.niceStep(12_000)).isEqualTo(20_000);
        assertThat(Plots.niceStep(0)).as("nothing to show").isEqualTo(0.2);
    }

    @Test
    void barsSkipUnknownValuesAndNameEachBar() {
        String svg = Plots.bars("b", "title", List.of("a", "b"), List.of("A", "B"),
                List.of(new Plots.Series("gas", "#000", List.of(10.0, Double.NaN)),
                        new Plots.Series("other", "#111", List.of(Double.NaN, 5.0))), false, HtmlReport::compact);

        assertThat(count(svg, "</rect>")).isEqualTo(2);
        assertThat(svg).contains("<title>A: gas 10</title>", "<title>B: other 5</title>", ">gas</text>");
    }

    @Test
    void lineJoinsOnlyTheKnownPoints() {
        String svg = Plots.line("l", "title", List.of(new Plots.Point("0", 0.1, "r0", false),
                new Plots.Point("1", Double.NaN, "r1 failed", true), new Plots.Point("2", 0.9, "r2", false)),
                1.0, v -> v + "");

        assertThat(count(svg, "<circle")).isEqualTo(2);
        assertThat(count(svg, "class=\"failed\"")).isEqualTo(1);
        assertThat(svg).containsPattern("<path d=\"M[0-9.]+ [0-9.]+ L[0-9.]+ [0-9.]+\" fill=\"none\"");
    }

    @Test
    void manyCategoriesShowAtMostSixteenLabels() {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            labels.add("c" + i);
            values.add((double) i);
        }
        String svg = Plots.bars("b", "t", labels, labels, List.of(new Plots.Series("s", "#000", values)),
                false, HtmlReport::compact);

        assertThat(count(svg, "text-anchor=\"middle\"")).isLessThanOrEqualTo(16);
        assertThat(count(svg, "</rect>")).isEqualTo(100);
    }

    @Test
    void stackedBarsRiseToTheSumOfTheirSeries() {
        String svg = Plots.bars("b", "t", List.of("a"), List.of("A"), List.of(new Plots.Series("x", "#000", List.of(30.0)),
                new Plots.Series("y", "#111", List.of(70.0))), true, HtmlReport::compact);

        assertThat(svg).contains(">100</text>").doesNotContain(">120</text>");
        assertThat(svg).containsPattern("<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\".*\\n<rect x=\"\\1\" y=\"28.0\" width=\"\\2\"");
    }

    @Test
    void compactNumbersKeepTheirMagnitude() {
        assertThat(HtmlReport.compact(120_000_000)).isEqualTo("120M");
        assertThat(HtmlReport.compact(1_500_000)).isEqualTo("1.5M");
        assertThat(HtmlReport.compact(612_345)).isEqualTo("612k");
        assertThat(HtmlReport.compact(0.25)).isEqualTo("0.25");
        assertThat(HtmlReport.compact(0)).isEqualTo("0");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
