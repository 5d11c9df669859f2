package org.fedledger.aggregation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;
import org.fedledger.privacy.DpPolicy;

/**
 * The registry of aggregation rules: makes an {@link AggregationRule} from the rule id and
 * parameter bytes a task stores on chain, or from the spec string a user writes. A new rule is
 * one {@link Combiner} class plus one line in {@link #RULES}.
 *
 * <p>On chain a task stores {@code (uint8 ruleId, bytes params)}; {@code params} is the UTF-8
 * text after the colon of the spec string, empty for a rule without parameters:
 * <pre>
 * id  spec                       params bytes
 *  1  fedavg                     ""
 *  2  clipped-fedavg:CLIP        "5.0"      clip norm, positive decimal
 *  3  median                     ""
 *  4  trimmed-mean:BETA          "0.2"      fraction per side in [0, 0.5), or "k=2", a count
 *  5  multi-krum:f=F,m=M         "f=1,m=3"  assumed Byzantine count, number selected
 *  6  multi-krum-agree:f=F,m=M   "f=1,m=3"  as multi-krum, then leaves out selected updates that disagree
 * </pre>
 * Id 0 is no rule (an unset storage slot). Ids are never renumbered or reused. A task may store
 * further lines after the parameters (its policy: differential privacy, encrypted files); those
 * are {@code org.fedledger.task.TaskPolicy}'s, which hands {@link #create} the first line alone
 * and makes a rule under a privacy policy with {@link #underPrivacy}.
 */
public final class AggregationRules {
    /** The specs {@link #parse} accepts, for messages and help texts. */
    public static final String SPECS = "fedavg, clipped-fedavg:CLIP (e.g. clipped-fedavg:5.0), median,"
            + " trimmed-mean:FRACTION or trimmed-mean:k=COUNT (e.g. trimmed-mean:0.2), multi-krum:f=F,m=M"
            + " (e.g. multi-krum:f=1,m=3), multi-krum-agree:f=F,m=M (multi-krum, then an agreement pass)";

    private record Entry(int id, String name, Function<String, Combiner> parser) {}

    private static final List<Entry> RULES = List.of(
            new Entry(1, "fedavg", FedAvg::of),
            new Entry(2, "clipped-fedavg", ClippedFedAvg::of),
            new Entry(3, "median", CoordinateMedian::of),
            new Entry(4, "trimmed-mean", TrimmedMean::of),
            new Entry(5, "multi-krum", MultiKrum::of),
            new Entry(6, "multi-krum-agree", AgreeingMultiKrum::of));

    private AggregationRules() {}

    /**
     * Parses a spec: a rule name, then for rules with parameters a colon and the parameters, e.g.
     * {@code fedavg}, {@code clipped-fedavg:5.0}, {@code multi-krum:f=1,m=3}.
     *
     * @throws IllegalArgumentException naming the valid specs if {@code spec} is none of them
     */
    public static AggregationRule parse(String spec) {
        requireNonNull(spec, "spec == null");
        String trimmed = spec.strip();
        int colon = trimmed.indexOf(':');
        String name = colon < 0 ? trimmed : trimmed.substring(0, colon).strip();
        String params = colon < 0 ? "" : trimmed.substring(colon + 1).strip();
        for (Entry entry : RULES) {
            if (entry.name.equals(name)) {
                try {
                    return new ScreenedRule(entry.id, entry.name, entry.parser.apply(params));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad aggregation rule '" + spec + "': " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalArgumentException("unknown aggregation rule '" + spec + "': use " + SPECS);
    }

    /**
     * Returns {@code rule} as a task under the client-level differential-privacy {@code policy}
     * aggregates: it also rejects updates whose step is longer than the policy's
     * {@link org.fedledger.privacy.StepBound}, and scores accepted ones by sample count alone.
     *
     * @throws IllegalArgumentException if {@code rule} was not made here
     */
    public static AggregationRule underPrivacy(AggregationRule rule, DpPolicy policy) {
        requireNonNull(policy, "policy == null");
        if (!(requireNonNull(rule, "rule == null") instanceof ScreenedRule screened)) {
            throw new IllegalArgumentException("not a rule made by AggregationRules: " + rule);
        }
        return screened.underPrivacy(policy);
    }

    /**
     * Makes the rule a task names on chain from its id and parameter text (the first line of the
     * task's policy).
     *
     * @throws AggregationException if the id is unknown or the parameters are not valid for it
     */
    public static AggregationRule create(int ruleId, String params) throws AggregationException {
        requireNonNull(params, "params == null");
        Entry entry = RULES.stream().filter(e -> e.id == ruleId).findFirst()
                .orElseThrow(() -> new AggregationException("unknown aggregation rule id " + ruleId
                        + " (this participant knows 1.." + RULES.size() + "); upgrade FedLedger"));
        try {
            return new ScreenedRule(entry.id, entry.name, entry.parser.apply(params.strip()));
        } catch (IllegalArgumentException e) {
            throw new AggregationException("rule " + entry.name + ": bad parameters '"
                    + params.replaceAll("\\p{Cntrl}", "?") + "': " + e.getMessage());
        }
    }

    /** The names of all rules, in id order. */
    public static List<String> names() {
        return RULES.stream().map(Entry::name).toList();
    }
}
