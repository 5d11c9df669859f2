package org.fedledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.report.AccuracyProbe;
import org.fedledger.report.HtmlReport;
import org.fedledger.report.TaskHistory;
import org.fedledger.storage.Cid;
import org.fedledger.storage.ContentStore;
import org.junit.jupiter.api.Test;

/** What the dashboard renders from a snapshot, and how it measures models: no server, no chain. */
class DashboardViewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A model store whose node answers every CID with the same three bytes. */
    private static final ModelStore BROKEN = new ModelStore(new ContentStore() {
        @Override
        public Cid add(byte[] content) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] cat(Cid cid) {
            return new byte[] {1, 2, 3};
        }

        @Override
        public void pin(Cid cid) {
        }

        @Override
        public String version() {
            return "broken";
        }
    });

    private static Update update(TaskHistory h) {
        return Views.update(7, Optional.of(new Snapshot(h, 1_700_000_600L, 42, 1_700_000_000L)), Optional.empty(), 85);
    }

    @Test
    void eventsCarryTheReportsPartsOnOneLine() throws Exception {
        TaskHistory h = FakeHistories.history(2, 3, true);

        Update u = update(h);

        assertThat(u.eventJson()).doesNotContain("\n");
        JsonNode event = JSON.readTree(u.eventJson());
        assertThat(event.get("sections").fieldNames()).toIterable()
                .containsExactly("summary", "accuracy", "rewards", "gas", "rounds", "participants");
        HtmlReport.sections(h).forEach((id, html) -> assertThat(event.get("sections").get(id).asText()).isEqualTo(html));
        JsonNode status = event.get("status");
        assertThat(status.get("task").asText()).isEqualTo(FakeHistories.TASK);
        assertThat(status.get("round").asLong()).isEqualTo(3);
        assertThat(status.get("readMillis").asLong()).isEqualTo(85);
        assertThat(status.get("participants").asInt()).isEqualTo(3);
    }

    @Test
    void theReportsPartsAreThoseOfItsPage() {
        TaskHistory h = FakeHistories.history(2, 3, true);

        String page = HtmlReport.render(h);

        assertThat(HtmlReport.sections(h).values()).allSatisfy(part -> assertThat(page).contains(part));
    }

    @Test
    void unmeasuredAccuracyPointsToTheDashboardsOwnFlag() throws Exception {
        JsonNode event = JSON.readTree(update(FakeHistories.history(2, 3, false)).eventJson());

        assertThat(event.get("sections").get("accuracy").asText()).isEqualTo(Views.NOT_MEASURED).contains("--accuracy")
                .doesNotContain("fl report");
    }

    @Test
    void pageEmbedsTheStatusSafelyInsideItsScript() {
        Update u = Views.update(1, Optional.empty(), Optional.of("</script><script>alert(1)</script>"), 0);

        String page = Page.render(u);

        assertThat(page).contains("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>")
                .doesNotContain("<script>alert(1)");
        assertThat(page.indexOf("</script>")).isGreaterThan(page.indexOf("id=\"initial\""));
    }

    @Test
    void eachModelIsMeasuredOnceAndAFailedFetchIsTriedAgain() {
        List<Cid> asked = new ArrayList<>();
        boolean[] failing = {true};
        AccuracyProbe probe = cid -> {
            asked.add(cid);
            if (failing[0] && cid.equals(FakeHistories.cid(2))) {
                BROKEN.getWeights(cid, ModelSpecs.get("mlp")); // throws: the bytes are no weight file
            }
            return OptionalDouble.of(0.5);
        };
        StringWriter log = new StringWriter();
        AccuracyCache cache = new AccuracyCache(probe, new PrintWriter(log));

        assertThat(cache.accuracyOf(FakeHistories.cid(1))).hasValue(0.5);
        assertThat(cache.accuracyOf(FakeHistories.cid(1))).hasValue(0.5);
        assertThat(cache.accuracyOf(FakeHistories.cid(2))).isEmpty();
        assertThat(cache.accuracyOf(FakeHistories.cid(2))).isEmpty();
        failing[0] = false;
        assertThat(cache.accuracyOf(FakeHistories.cid(2))).hasValue(0.5);
        assertThat(cache.accuracyOf(FakeHistories.cid(2))).hasValue(0.5);

        assertThat(asked).containsExactly(FakeHistories.cid(1), FakeHistories.cid(2), FakeHistories.cid(2),
                FakeHistories.cid(2));
        assertThat(log.toString()).containsOnlyOnce("cannot measure model").contains("weight file " + FakeHistories.cid(2));
    }
}
