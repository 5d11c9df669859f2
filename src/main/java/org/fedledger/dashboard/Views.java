package org.fedledger.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fedledger.report.HtmlReport;
import org.fedledger.report.TaskHistory;

/**
 * The dashboard's JSON: a status (where the task is, its deadline, how fresh the read is) beside
 * either the history ({@code /api/history}, from {@link TaskHistory#toJson()}) or the page's
 * parts as HTML ({@code /api/update} and {@code /api/events}, from {@link HtmlReport#sections}),
 * so the browser only swaps them in and all drawing stays in Java.
 */
final class Views {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String NOT_MEASURED = "<p class=\"none\">Not measured: start the dashboard with --accuracy to "
            + "measure each global model on the MNIST test split.</p>\n";

    private Views() {}

    static Update update(long sequence, Optional<Snapshot> snapshot, Optional<String> error, long readMillis) {
        ObjectNode status = status(sequence, snapshot, error, readMillis);
        ObjectNode history = MAPPER.createObjectNode();
        history.set("status", status);
        ObjectNode event = MAPPER.createObjectNode();
        event.set("status", status);
        ObjectNode parts = event.putObject("sections");
        if (snapshot.isPresent()) {
            try {
                history.set("history", MAPPER.readTree(snapshot.get().history().toJson()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("TaskHistory.toJson() wrote invalid JSON", e);
            }
            sections(snapshot.get().history()).forEach(parts::put);
        } else {
            history.putNull("history");
        }
        return new Update(sequence, snapshot, error, readMillis, write(status), write(history), write(event));
    }

    /** The report's parts, with a hint that fits the dashboard where accuracy was not measured. */
    static Map<String, String> sections(TaskHistory h) {
        Map<String, String> parts = new LinkedHashMap<>(HtmlReport.sections(h));
        boolean measured = h.initialAccuracy().isPresent() || h.rounds().stream().anyMatch(r -> r.accuracy().isPresent());
        if (!measured) {
            parts.put("accuracy", NOT_MEASURED);
        }
        return parts;
    }

    private static ObjectNode status(long sequence, Optional<Snapshot> snapshot, Optional<String> error,
                                     long readMillis) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("sequence", sequence);
        n.put("read", snapshot.isPresent());
        n.put("error", error.orElse(null));
        if (snapshot.isPresent()) {
            Snapshot s = snapshot.get();
            TaskHistory h = s.history();
            n.put("task", h.task());
            n.put("chainId", h.chainId());
            n.put("phase", h.phase().name().toLowerCase());
            n.put("round", h.currentRound());
            n.put("numRounds", h.terms().numRounds());
            n.put("rule", h.terms().rule());
            n.put("participants", h.participants().size());
            n.put("deadline", s.deadline());
            n.put("block", s.block());
            n.put("chainTime", s.chainTime());
            n.put("readMillis", readMillis);
        }
        return n;
    }

    /** Compact JSON: one line, as an SSE data field needs. */
    static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values failed to serialize", e);
        }
    }
}
