package org.fedledger.aggregation;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fedledger.outcome.Contribution;

/**
 * An {@link AggregationRule} made of the checks all rules share and one {@link Combiner}: sorts
 * the updates by address, turns unusable ones into failures, combines the rest and gives every
 * participant its contribution (an accepted update weighs its samples, anything else 0).
 */
final class ScreenedRule implements AggregationRule {
    private final int ruleId;
    private final String name;
    private final Combiner combiner;

    ScreenedRule(int ruleId, String name, Combiner combiner) {
        this.ruleId = ruleId;
        this.name = requireNonNull(name, "name == null");
        this.combiner = requireNonNull(combiner, "combiner == null");
    }

    @Override
    public Aggregate aggregate(float[] globalWeights, List<Update> updates, List<Failure> failures) {
        requireNonNull(globalWeights, "globalWeights == null");
        requireNonNull(updates, "updates == null");
        requireNonNull(failures, "failures == null");
        int bad = firstNonFinite(globalWeights);
        if (bad >= 0) {
            throw new IllegalArgumentException("global " + nonFinite(globalWeights, bad));
        }
        checkDistinct(updates, failures);
        List<Update> usable = new ArrayList<>(updates);
        usable.sort(Comparator.comparing(Update::participant));
        List<Failure> rejections = new ArrayList<>(failures);
        usable.removeIf(update -> rejected(rejections, update, wrongShapeOrNoSamples(update, globalWeights.length)));
        if (!combiner.checksValues()) {
            usable.removeIf(update -> rejected(rejections, update, nonFinite(update)));
        }
        Combiner.Combined combined;
        try {
            combined = combine(globalWeights, usable);
        } catch (Sums.NonFiniteInput e) {
            usable.removeIf(update -> rejected(rejections, update, nonFinite(update)));
            combined = combine(globalWeights, usable);
        }
        rejections.addAll(combined.rejected());
        Set<String> rejected = new HashSet<>();
        List<Contribution> contributions = new ArrayList<>();
        for (Failure failure : rejections) {
            rejected.add(failure.participant());
            contributions.add(new Contribution(failure.participant(), false, 0));
        }
        Set<String> leftOut = new HashSet<>(combined.leftOut());
        for (Update update : usable) {
            if (!rejected.contains(update.participant())) {
                contributions.add(new Contribution(update.participant(), true,
                        leftOut.contains(update.participant()) ? BigInteger.ZERO : weightOf(update)));
            }
        }
        return new Aggregate(combined.weights(), contributions, rejections);
    }

    /**
     * The contribution weight of an accepted update: its sample count, so that rewards follow the
     * data bonded behind accepted updates. The one place to change when quality scores arrive.
     */
    static BigInteger weightOf(Update accepted) {
        return BigInteger.valueOf(accepted.numSamples());
    }

    /** With no usable update the model stays as it was. */
    private Combiner.Combined combine(float[] global, List<Update> usable) {
        return usable.isEmpty()
                ? new Combiner.Combined(global.clone(), List.of())
                : combiner.combine(global, List.copyOf(usable));
    }

    /** Adds a failure for {@code update} if there is a {@code problem}; returns whether it did. */
    private static boolean rejected(List<Failure> rejections, Update update, String problem) {
        if (problem != null) {
            rejections.add(new Failure(update.participant(), problem));
        }
        return problem != null;
    }

    static String wrongShapeOrNoSamples(Update update, int length) {
        if (update.weights().length != length) {
            return "wrong shape: " + update.weights().length + " values, expected " + length;
        }
        return update.numSamples() == 0 ? "reports no training samples" : null;
    }

    static String nonFinite(Update update) {
        int bad = firstNonFinite(update.weights());
        return bad < 0 ? null : nonFinite(update.weights(), bad);
    }

    private static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    private static String nonFinite(float[] values, int index) {
        return "value " + index + (Float.isNaN(values[index]) ? " is NaN" : " is infinite");
    }

    private static void checkDistinct(List<Update> updates, List<Failure> failures) {
        Set<String> seen = new HashSet<>();
        for (Update update : updates) {
            if (!seen.add(requireNonNull(update, "update == null").participant())) {
                throw new IllegalArgumentException("two entries for " + update.participant());
            }
        }
        for (Failure failure : failures) {
            if (!seen.add(requireNonNull(failure, "failure == null").participant())) {
                throw new IllegalArgumentException("two entries for " + failure.participant());
            }
        }
    }

    @Override
    public int ruleId() {
        return ruleId;
    }

    @Override
    public byte[] params() {
        return combiner.params().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String spec() {
        return combiner.params().isEmpty() ? name : name + ":" + combiner.params();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScreenedRule other && ruleId == other.ruleId && spec().equals(other.spec());
    }

    @Override
    public int hashCode() {
        return spec().hashCode();
    }

    @Override
    public String toString() {
        return spec();
    }
}
