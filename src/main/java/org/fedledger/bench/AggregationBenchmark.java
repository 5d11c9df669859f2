package org.fedledger.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.fedledger.aggregation.Aggregate;
import org.fedledger.aggregation.AggregationRule;
import org.fedledger.aggregation.AggregationRules;
import org.fedledger.aggregation.Update;

/**
 * Measures how fast each aggregation rule consumes its input, in GB/s of update weights, beside a
 * plain memory copy of the same bytes ({@code System.arraycopy}) measured in the same run, so
 * that figures from different machines compare as ratios. Each measurement is warm-up calls
 * followed by timed calls; the median timed call counts. Single-threaded, like the rules.
 */
public final class AggregationBenchmark {
    /** The rules measured by default, one spec per registered rule. */
    public static final List<String> DEFAULT_RULES = List.of(
            "fedavg", "clipped-fedavg:1.0", "median", "trimmed-mean:0.1", "multi-krum:f=2,m=6");

    private AggregationBenchmark() {}

    /**
     * What to measure.
     *
     * @param updates updates per round
     * @param params parameters per update
     * @param warmups untimed calls before the timed ones
     * @param iterations timed calls; the median is reported
     * @param seed seed of the random inputs
     * @param rules rule specs as {@link AggregationRules#parse} reads them
     */
    public record Settings(int updates, int params, int warmups, int iterations, long seed, List<String> rules) {
        public Settings {
            if (updates < 1 || params < 1 || warmups < 0 || iterations < 1) {
                throw new IllegalArgumentException("need updates, params, iterations >= 1 and warmups >= 0");
            }
            if ((long) updates * params > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("updates * params must fit one array");
            }
            rules = List.copyOf(rules);
            rules.forEach(AggregationRules::parse);
        }

        /** 10 updates of 1M parameters (40 MB of input), 20 warm-ups, 21 timed calls, every rule. */
        public static Settings defaults() {
            return new Settings(10, 1_000_000, 20, 21, 42, DEFAULT_RULES);
        }
    }

    /**
     * One measured operation.
     *
     * @param name {@code copy} or a rule spec
     * @param medianMillis the median time of one call
     * @param gigabytesPerSecond input bytes (10^9) per second at the median time
     * @param ratioToCopy {@code gigabytesPerSecond} over the copy's
     */
    public record Result(String name, double medianMillis, double gigabytesPerSecond, double ratioToCopy) {}

    /**
     * The benchmark's findings.
     *
     * @param settings what was measured
     * @param inputBytes bytes of update weights per call
     * @param copy the memory copy's result, the baseline
     * @param rules one result per rule, in the order of the settings
     */
    public record Report(Settings settings, long inputBytes, Result copy, List<Result> rules) {
        public Report {
            requireNonNull(settings, "settings == null");
            requireNonNull(copy, "copy == null");
            rules = List.copyOf(rules);
        }

        /** A markdown table: one row for the copy, one per rule. */
        public String toTable() {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "Aggregation of %d updates x %d params (%.1f MB input), median of %d calls%n%n",
                    settings.updates(), settings.params(), inputBytes / 1e6, settings.iterations()));
            table.append("| operation | median ms | GB/s | vs copy |\n|---|---:|---:|---:|\n");
            List<Result> rows = new ArrayList<>(List.of(copy));
            rows.addAll(rules);
            for (Result r : rows) {
                table.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.0f%% |%n",
                        r.name(), r.medianMillis(), r.gigabytesPerSecond(), 100 * r.ratioToCopy()));
            }
            return table.toString();
        }

        /** The report as pretty-printed JSON. */
        public String toJson() {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("updates", settings.updates());
            root.put("params", settings.params());
            root.put("warmups", settings.warmups());
            root.put("iterations", settings.iterations());
            root.put("inputBytes", inputBytes);
            root.set("copy", mapper.valueToTree(copy));
            ArrayNode array = root.putArray("rules");
            rules.forEach(r -> array.add(mapper.valueToTree(r)));
            return root.toPrettyString();
        }
    }

    /** Runs the benchmark; takes about a few seconds with the defaults. */
    public static Report run(Settings settings) {
        requireNonNull(settings, "settings == null");
        SplittableRandom random = new SplittableRandom(settings.seed());
        float[] global = new float[settings.params()];
        for (int i = 0; i < global.length; i++) {
            global[i] = (float) random.nextGaussian(0, 0.1);
        }
        List<Update> updates = new ArrayList<>();
        for (int u = 0; u < settings.updates(); u++) {
            float[] weights = new float[settings.params()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = global[i] + (float) random.nextGaussian(0, 0.01);
            }
            updates.add(new Update(String.format("0x%040x", u + 1), 100 + random.nextInt(1000), weights));
        }
        long inputBytes = (long) Float.BYTES * settings.updates() * settings.params();

        float[] target = new float[settings.updates() * settings.params()];
        double copyMillis = Timer.median(settings.warmups(), settings.iterations(), () -> {
            for (int u = 0; u < updates.size(); u++) {
                System.arraycopy(updates.get(u).weights(), 0, target, u * settings.params(), settings.params());
            }
            return target[target.length - 1];
        });
        double copyRate = inputBytes / copyMillis / 1e6;
        Result copy = new Result("copy", copyMillis, copyRate, 1.0);

        List<Result> results = new ArrayList<>();
        for (String spec : settings.rules()) {
            AggregationRule rule = AggregationRules.parse(spec);
            double millis = Timer.median(settings.warmups(), settings.iterations(), () -> {
                Aggregate aggregate = rule.aggregate(global, updates, List.of());
                return aggregate.newWeights()[0];
            });
            double rate = inputBytes / millis / 1e6;
            results.add(new Result(rule.spec(), millis, rate, rate / copyRate));
        }
        return new Report(settings, inputBytes, copy, results);
    }
}
