package org.fedledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.fedledger.chain.TaskPhase;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final Pattern SVG = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL);

    @Test
    void sameHistoryGivesTheSameBytesAndNoTimeUnlessGivenOne() {
        String first = HtmlReport.render(Histories.threeRounds());
        String second = HtmlReport.render(Histories.threeRounds());

        assertThat(first).isEqualTo(second).doesNotContain("read at");
        assertThat(HtmlReport.render(Histories.threeRounds(), Instant.parse("2024-05-01T12:00:00Z")))
                .contains("read at 2024-05-01T12:00:00Z");
    }

    @Test
    void titleNamesTheTaskAndTheChain() {
        String html = HtmlReport.render(Histories.threeRounds());

        assertThat(html).contains("<title>FedLedger task " + Histories.TASK + " on chain 1337</title>",
                "<h1>FedLedger task <code>" + Histories.TASK + "</code></h1>");
    }

    @Test
    void drawsTheAccuracyRewardsAndGasPlots() {
        String html = HtmlReport.render(Histories.threeRounds());

        assertThat(html).contains("<svg id=\"accuracy-plot\"", "<svg id=\"rewards-plot\"", "<svg id=\"gas-plot\"");
        String accuracy = svg(html, "accuracy-plot");
        assertThat(count(accuracy, "<circle")).as("initial model and the two finalized rounds").isEqualTo(3);
        assertThat(accuracy).contains("initial model: 10.0%", "round 3: 88.0%");
        assertThat(count(svg(html, "rewards-plot"), "</rect>")).as("claimed x3, bounty x1, slash x1 (zeros drawn flat)")
                .isEqualTo(9);
        assertThat(svg(html, "gas-plot")).contains("round 1 (finalized): gas 612k");
    }

    @Test
    void everyPlotIsWellFormedXml() throws Exception {
        String html = HtmlReport.render(Histories.threeRounds());
        Matcher m = SVG.matcher(html);
        int plots = 0;
        while (m.find()) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
            plots++;
        }
        assertThat(plots).isEqualTo(3);
    }

    @Test
    void failedRoundsAreFlaggedAndHaveNoAccuracy() {
        String html = HtmlReport.render(Histories.threeRounds());

        assertThat(svg(html, "accuracy-plot")).contains("class=\"failed\"", "round 2: failed: no quorum");
        assertThat(html).contains("<tr class=\"failed\"><td>2</td><td class=\"l\">failed: no quorum</td>");
        assertThat(svg(html, "gas-plot")).contains("gas, failed round", "round 2 (failed: no quorum): gas, failed round 401k");
    }

    @Test
    void escapesEveryTextItShows() {
        TaskHistory h = Histories.threeRounds();
        TaskHistory hostile = new TaskHistory("<b>\"task\"</b>", h.chainId(), h.phase(), h.currentRound(),
                Histories.terms(3, "<script>alert('x')</script>&"), h.initialAccuracy(), h.rounds(), h.participants());

        String html = HtmlReport.render(hostile);

        assertThat(html).doesNotContain("<script", "<b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;", "&lt;b&gt;&quot;task&quot;&lt;/b&gt;");
    }

    @Test
    void needsNothingButItself() {
        String html = HtmlReport.render(Histories.threeRounds());

        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http:", "https:", "<script", "<link", "@import", "url(", "src=");
    }

    @Test
    void aTaskWithNoRoundsAndNoParticipantsStillRenders() {
        String html = HtmlReport.render(Histories.empty());

        assertThat(html).doesNotContain("<svg", "<table")
                .contains("Not measured", "No participant joined.", "No round has started.", "registration");
    }

    @Test
    void withoutMeasuredAccuracyTheOtherPlotsRemain() {
        TaskHistory h = Histories.threeRounds();
        List<TaskHistory.Round> unmeasured = h.rounds().stream().map(r -> new TaskHistory.Round(r.number(), r.status(),
                r.aggregate(), r.totalWeight(), r.reward(), r.claimed(), r.committers(), r.revealers(), r.votes(),
                r.winningOrdinal(), r.gasUsed(), OptionalDouble.empty())).toList();
        TaskHistory without = new TaskHistory(h.task(), h.chainId(), TaskPhase.VOTE, 3, h.terms(), OptionalDouble.empty(),
                unmeasured, h.participants());

        String html = HtmlReport.render(without);

        assertThat(html).doesNotContain("accuracy-plot").contains("Not measured", "gas-plot", "rewards-plot",
                "round 3 of 3, vote phase");
    }

    @Test
    void showsAmountsInTokensWithTheExactAmountOnHover() {
        String html = HtmlReport.render(Histories.threeRounds());

        assertThat(html).contains("<td title=\"660000000000000000000\">660</td>", "1\u00d7 wrong vote (10)");
        assertThat(HtmlReport.tokens(java.math.BigInteger.valueOf(1_234_567_890_123L))).isEqualTo("0.000001");
    }

    private static String svg(String html, String id) {
        int start = html.indexOf("<svg id=\"" + id + "\"");
        assertThat(start).as(id).isNotNegative();
        return html.substring(start, html.indexOf("</svg>", start));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
