package org.fedledger.report;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fedledger.report.TaskHistory.Member;
import org.fedledger.report.TaskHistory.Round;
import org.fedledger.report.TaskHistory.Slashes;
import org.fedledger.task.TaskPolicy;

/**
 * A {@link TaskHistory} as one self-contained HTML page: a summary of the task, plots of the
 * global model's accuracy per round (when measured), of rewards, bounties and slashes per
 * participant and of gas per round, and tables of rounds and participants. No scripts, fonts or
 * external resources (inline CSS and SVG); all text is escaped. The same history gives the same
 * bytes; a generation time appears only when passed in. Token amounts are shown in whole tokens
 * of 18 decimals, with the exact amount in the smallest unit on hover.
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1000px;\
            padding:0 1em;color:#222}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:2em}
            code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
            dl.summary{display:grid;grid-template-columns:max-content auto;gap:.15em 1.5em}dl.summary dt{color:#555}
            dl.summary dd{margin:0}
            table{border-collapse:collapse;width:100%;margin-top:.5em}
            th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:right;white-space:nowrap}
            th{background:#f4f4f4}td.l,th.l{text-align:left}
            tr.failed td{color:#c62828}
            svg.plot{max-width:100%;height:auto;font-size:11px;fill:#333}
            .none{color:#777;font-style:italic}
            """;

    private HtmlReport() {}

    /** The page for {@code history}, without a generation time. */
    public static String render(TaskHistory history) {
        return page(requireNonNull(history, "history == null"), null);
    }

    /** The page for {@code history}, stating that it was generated at {@code generatedAt}. */
    public static String render(TaskHistory history, Instant generatedAt) {
        return page(requireNonNull(history, "history == null"), requireNonNull(generatedAt, "generatedAt == null"));
    }

    private static String page(TaskHistory h, Instant generatedAt) {
        String title = "FedLedger task " + h.task() + " on chain " + h.chainId();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<h1>FedLedger task <code>").append(escape(h.task()))
                .append("</code></h1>\n<p>Chain id ").append(h.chainId()).append(generatedAt == null ? ""
                        : ", read at " + escape(generatedAt.toString())).append(".</p>\n");
        summary(html, h);
        section(html, "accuracy", "Global model accuracy", accuracyPlot(h));
        section(html, "rewards", "Rewards, bounties and slashes per participant", rewardsPlot(h));
        section(html, "gas", "Gas per round", gasPlot(h));
        section(html, "rounds", "Rounds", roundsTable(h));
        section(html, "participants", "Participants", participantsTable(h));
        return html.append("</body>\n</html>\n").toString();
    }

    private static void section(StringBuilder html, String id, String heading, String body) {
        html.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(heading)).append("</h2>\n")
                .append(body).append("</section>\n");
    }

    private static void summary(StringBuilder html, TaskHistory h) {
        TaskHistory.Terms t = h.terms();
        String state = switch (h.phase()) {
            case COMPLETED -> "completed";
            case NONE, REGISTRATION -> h.phase().name().toLowerCase();
            default -> "round " + h.currentRound() + " of " + t.numRounds() + ", " + h.phase().name().toLowerCase()
                    + " phase";
        };
        long finalized = h.rounds().stream().filter(r -> r.status() == TaskHistory.RoundStatus.FINALIZED).count();
        long failed = h.rounds().stream().filter(r -> r.status().failed()).count();
        BigInteger claimed = h.participants().stream().map(Member::claimed).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger slashed = h.participants().stream().map(Member::slashed).reduce(BigInteger.ZERO, BigInteger::add);
        html.append("<dl class=\"summary\">\n");
        item(html, "State", escape(state));
        item(html, "Rounds", t.numRounds() + " (" + finalized + " finalized, " + failed + " failed)");
        item(html, "Aggregation rule", escape(t.rule()) + " (id " + t.ruleId() + ")");
        t.privacy().ifPresent(p -> item(html, "Differential privacy", escape(String.format(Locale.ROOT,
                "clip norm %s, noise multiplier %s; budget epsilon %s at delta %s (%d updates per participant)",
                TaskPolicy.format(p.clipNorm()), TaskPolicy.format(p.noiseMultiplier()),
                TaskPolicy.format(p.epsilonBudget()), TaskPolicy.format(p.delta()), p.roundsWithinBudget()))));
        item(html, "Quorum", percent(t.quorumBps() / 10_000.0) + " of revealed stake, at least " + t.minRevealers()
                + " revealer" + (t.minRevealers() == 1 ? "" : "s"));
        item(html, "Stake token", "<code>" + escape(t.token()) + "</code>, minimum stake " + tokens(t.minStake()));
        item(html, "Model spec", "<code>" + escape(t.modelSpec().toString()) + "</code>");
        item(html, "Initial model", "<code>" + escape(t.initialModel().toString()) + "</code>"
                + h.initialAccuracy().stream().mapToObj(a -> ", accuracy " + percent(a)).findFirst().orElse(""));
        item(html, "Participants", String.valueOf(h.participants().size()));
        item(html, "Rewards claimed", tokens(claimed) + " tokens");
        item(html, "Slashed", tokens(slashed) + " tokens");
        long gas = h.rounds().stream().map(Round::gasUsed).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).sum();
        item(html, "Gas of the rounds", String.format(Locale.ROOT, "%,d", gas));
        html.append("</dl>\n");
    }

    private static void item(StringBuilder html, String term, String escapedValue) {
        html.append("<dt>").append(escape(term)).append("</dt><dd>").append(escapedValue).append("</dd>\n");
    }

    private static String accuracyPlot(TaskHistory h) {
        boolean measured = h.initialAccuracy().isPresent()
                || h.rounds().stream().anyMatch(r -> r.accuracy().isPresent());
        if (!measured) {
            return none("Not measured (fl report --accuracy measures it on the MNIST test split).");
        }
        List<Plots.Point> points = new ArrayList<>();
        points.add(new Plots.Point("0", orNaN(h.initialAccuracy()), "initial model: "
                + h.initialAccuracy().stream().mapToObj(HtmlReport::percent).findFirst().orElse("not measured"), false));
        for (Round r : h.rounds()) {
            String tip = "round " + r.number() + ": " + (r.status().failed() ? r.status().label()
                    : r.accuracy().stream().mapToObj(HtmlReport::percent).findFirst().orElse(r.status().label()));
            points.add(new Plots.Point(String.valueOf(r.number()), orNaN(r.accuracy()), tip, r.status().failed()));
        }
        return Plots.line("accuracy-plot", "Test accuracy of the global model after each round (0: initial model)",
                points, 1.0, v -> String.format(Locale.ROOT, "%.0f%%", v * 100));
    }

    private static String rewardsPlot(TaskHistory h) {
        if (h.participants().isEmpty()) {
            return none("No participant joined.");
        }
        List<String> labels = new ArrayList<>();
        List<String> tips = new ArrayList<>();
        for (int i = 0; i < h.participants().size(); i++) {
            String address = h.participants().get(i).address();
            labels.add(h.participants().size() <= 8 ? shortAddress(address) : "#" + (i + 1));
            tips.add("#" + (i + 1) + " " + address);
        }
        List<Plots.Series> series = List.of(
                new Plots.Series("rewards claimed", "#2e7d32", asTokens(h.participants(), Member::claimed)),
                new Plots.Series("bounties", "#1565c0", asTokens(h.participants(), Member::bounties)),
                new Plots.Series("slashed", "#c62828", asTokens(h.participants(), Member::slashed)));
        return Plots.bars("rewards-plot", "Rewards claimed, bounties earned and stake slashed per participant, "
                + "in tokens", labels, tips, series, false, HtmlReport::compact);
    }

    private static String gasPlot(TaskHistory h) {
        if (h.rounds().isEmpty()) {
            return none("No round has started.");
        }
        List<String> labels = h.rounds().stream().map(r -> String.valueOf(r.number())).toList();
        List<String> tips = h.rounds().stream().map(r -> "round " + r.number() + " (" + r.status().label() + ")")
                .toList();
        List<Double> finalized = new ArrayList<>();
        List<Double> other = new ArrayList<>();
        for (Round r : h.rounds()) {
            double gas = r.gasUsed().isPresent() ? r.gasUsed().getAsLong() : Double.NaN;
            finalized.add(r.status().failed() ? Double.NaN : gas);
            other.add(r.status().failed() ? gas : Double.NaN);
        }
        List<Plots.Series> series = h.rounds().stream().anyMatch(r -> r.status().failed())
                ? List.of(new Plots.Series("gas", "#6a1b9a", finalized), new Plots.Series("gas, failed round",
                        "#9e9e9e", other))
                : List.of(new Plots.Series("gas", "#6a1b9a", finalized));
        return Plots.bars("gas-plot", "Gas used per round by its commits, reveals, votes and advances", labels, tips,
                series, true, HtmlReport::compact);
    }

    private static String roundsTable(TaskHistory h) {
        if (h.rounds().isEmpty()) {
            return none("No round has started.");
        }
        StringBuilder t = new StringBuilder("<table>\n<tr><th>Round</th><th class=\"l\">Status</th>"
                + "<th class=\"l\">Aggregate</th><th>Total weight</th><th>Reward</th><th>Claimed</th>"
                + "<th>Committed</th><th>Revealed</th><th>Votes (agreeing)</th><th>Gas</th><th>Accuracy</th></tr>\n");
        for (Round r : h.rounds()) {
            t.append(r.status().failed() ? "<tr class=\"failed\">" : "<tr>")
                    .append("<td>").append(r.number()).append("</td>")
                    .append("<td class=\"l\">").append(escape(r.status().label())).append("</td>")
                    .append("<td class=\"l mono\">").append(escape(r.aggregate().map(Object::toString).orElse("")))
                    .append("</td>")
                    .append("<td>").append(r.totalWeight()).append("</td>")
                    .append(amountCell(r.reward())).append(amountCell(r.claimed()))
                    .append(listCell(r.committers())).append(listCell(r.revealers()))
                    .append("<td>").append(r.votes().size()).append(" (").append(r.agreeingVotes()).append(")</td>")
                    .append("<td>").append(r.gasUsed().isPresent()
                            ? String.format(Locale.ROOT, "%,d", r.gasUsed().getAsLong()) : "").append("</td>")
                    .append("<td>").append(r.accuracy().stream().mapToObj(HtmlReport::percent).findFirst().orElse(""))
                    .append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String participantsTable(TaskHistory h) {
        if (h.participants().isEmpty()) {
            return none("No participant joined.");
        }
        boolean dp = h.terms().privacy().isPresent();
        StringBuilder t = new StringBuilder("<table>\n<tr><th>#</th><th class=\"l\">Address</th>"
                + "<th class=\"l\">Status</th><th>Stake</th><th>Joined with</th><th>Claimed</th><th>Bounties</th>"
                + "<th>Balance</th><th class=\"l\">Slashes</th><th>Committed</th><th>Revealed</th>"
                + "<th>Accepted</th>" + (dp ? "<th>Epsilon spent</th>" : "") + "</tr>\n");
        int i = 0;
        for (Member m : h.participants()) {
            t.append("<tr><td>").append(++i).append("</td><td class=\"l mono\">").append(escape(m.address()))
                    .append("</td><td class=\"l\">").append(escape(m.status().name().toLowerCase())).append("</td>")
                    .append(amountCell(m.stake())).append(amountCell(m.joinedWith())).append(amountCell(m.claimed()))
                    .append(amountCell(m.bounties())).append(amountCell(m.rewards()))
                    .append("<td class=\"l\">").append(escape(slashes(m.slashes()))).append("</td>")
                    .append("<td>").append(m.roundsCommitted()).append("</td><td>").append(m.roundsRevealed())
                    .append("</td><td>").append(m.roundsAccepted()).append("</td>")
                    .append(h.epsilonSpent(m).stream().mapToObj(e -> String.format(Locale.ROOT, "<td>%.4g</td>", e))
                            .findFirst().orElse(""))
                    .append("</tr>\n");
        }
        return t.append("</table>\n<p class=\"none\">Balance: credited and not yet withdrawn (claims and bounties). "
                + "Accepted: rounds whose reward it claimed."
                + (dp ? " Epsilon spent: by its revealed updates, at the task's delta." : "") + "</p>\n").toString();
    }

    private static String slashes(List<Slashes> slashes) {
        return slashes.stream().map(s -> s.count() + "\u00d7 " + s.kind().name().toLowerCase().replace('_', ' ')
                + " (" + tokens(s.amount()) + ")").collect(Collectors.joining(", "));
    }

    private static String amountCell(BigInteger amount) {
        return "<td title=\"" + amount + "\">" + tokens(amount) + "</td>";
    }

    private static String listCell(List<String> addresses) {
        return "<td title=\"" + escape(String.join(" ", addresses)) + "\">" + addresses.size() + "</td>";
    }

    private static String none(String text) {
        return "<p class=\"none\">" + escape(text) + "</p>\n";
    }

    private static List<Double> asTokens(List<Member> members, Function<Member, BigInteger> f) {
        return members.stream().map(m -> new BigDecimal(f.apply(m), 18).doubleValue()).toList();
    }

    private static double orNaN(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : Double.NaN;
    }

    static String shortAddress(String address) {
        return address.length() <= 12 ? address : address.substring(0, 6) + "\u2026" + address.substring(address.length() - 4);
    }

    /** An amount in whole tokens (18 decimals), to at most 6 decimal places. */
    static String tokens(BigInteger amount) {
        return new BigDecimal(amount, 18).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** An axis or hover number to 3 or 4 significant digits: 1.5M, 250k, 12, 0.25. */
    static String compact(double v) {
        if (Math.abs(v) >= 1e6) {
            return significant(v / 1e6, 3) + "M";
        }
        if (Math.abs(v) >= 1e4) {
            return significant(v / 1e3, 3) + "k";
        }
        return significant(v, 4);
    }

    private static String significant(double v, int digits) {
        return BigDecimal.valueOf(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** Text made safe for HTML and SVG element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? '\ufffd' : c);
            }
        }
        return out.toString();
    }

    /**
     * The page's parts without the page around them, by section id in page order: {@code summary}
     * (a {@code <dl>}), {@code accuracy}, {@code rewards} and {@code gas} (an {@code <svg>} each, or a
     * note when there is nothing to plot), {@code rounds} and {@code participants} (tables). For
     * pages that lay the parts out and update them on their own, like the live dashboard.
     */
    public static java.util.Map<String, String> sections(TaskHistory history) {
        TaskHistory h = requireNonNull(history, "history == null");
        StringBuilder summary = new StringBuilder();
        summary(summary, h);
        java.util.Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("summary", summary.toString());
        parts.put("accuracy", accuracyPlot(h));
        parts.put("rewards", rewardsPlot(h));
        parts.put("gas", gasPlot(h));
        parts.put("rounds", roundsTable(h));
        parts.put("participants", participantsTable(h));
        return java.util.Collections.unmodifiableMap(parts);
    }
}
