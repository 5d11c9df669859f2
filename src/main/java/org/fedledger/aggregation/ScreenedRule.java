package org.fedledger.aggregation;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fedledger.outcome.Contribution;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.privacy.StepBound;

/**
 * An {@link AggregationRule} made of the checks all rules share and one {@link Combiner}: sorts
 * the updates by address, turns unusable ones into failures, combines the rest and gives every
 * participant its contribution score.
 *
 * <p>Contribution score of an accepted update: {@code numSamples x agreement}, where the sample
 * count is bonded by stake and capped by the task (the contract checks both at reveal) and the
 * agreement is the {@link Agreement} of its step with the aggregate's, in basis points. An
 * update the rule left out, and every copy of an update that two or more participants revealed,
 * scores 0. Rejected (slashable) are only updates that break a rule every honest participant
 * keeps: unavailable, malformed, wrong shape, no samples, NaN or infinite values, or the global
 * model resubmitted unchanged (training always changes it).
 *
 * <p>Under a task's differential-privacy policy two things change. An update whose step from the
 * global model is longer than an honest clipped-and-noised step can be ({@link StepBound}) is
 * rejected too: it was not clipped. And every accepted update that is averaged in scores
 * {@code numSamples x 10000}, full agreement: the noise that hides a participant's data also
 * hides the quality of its update (a cosine with the aggregate falls under the agreement floor
 * for honest updates), so it is not measured (see docs/privacy.md).
 */
final class ScreenedRule implements AggregationRule {
    private final int ruleId;
    private final String name;
    private final Combiner combiner;
    /** The differential-privacy policy whose step bound screens updates; null: none. */
    private final DpPolicy privacy;

    ScreenedRule(int ruleId, String name, Combiner combiner) {
        this(ruleId, name, combiner, null);
    }

    private ScreenedRule(int ruleId, String name, Combiner combiner, DpPolicy privacy) {
        this.ruleId = ruleId;
        this.name = requireNonNull(name, "name == null");
        this.combiner = requireNonNull(combiner, "combiner == null");
        this.privacy = privacy;
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
        usable.removeIf(update -> rejected(rejections, update, unchanged(update, globalWeights)));
        if (!combiner.checksValues() || privacy != null) {
            usable.removeIf(update -> rejected(rejections, update, nonFinite(update)));
        }
        if (privacy != null) {
            usable.removeIf(update -> rejected(rejections, update, overBound(update, globalWeights)));
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
        List<Update> accepted = usable.stream().filter(u -> !rejected.contains(u.participant())).toList();
        Set<String> copies = copies(accepted);
        Set<String> leftOut = new HashSet<>(combined.leftOut());
        Map<String, Integer> agreement = privacy == null
                ? agreements(globalWeights, accepted, leftOut, combined.weights()) : Map.of();
        for (Update update : accepted) {
            boolean scores = !leftOut.contains(update.participant()) && !copies.contains(update.participant());
            int bps = privacy == null ? agreement.get(update.participant()) : Agreement.FULL_BPS;
            contributions.add(new Contribution(update.participant(), true,
                    scores ? weightOf(update, bps) : BigInteger.ZERO));
        }
        return new Aggregate(combined.weights(), contributions, rejections);
    }

    /**
     * Each averaged-in update's agreement with the aggregate's step without its own share in it
     * (its sample share among the averaged updates), so that an update cannot agree with itself;
     * updates left out score 0.
     */
    private static Map<String, Integer> agreements(float[] global, List<Update> accepted, Set<String> leftOut,
                                                   float[] aggregate) {
        double samples = 0;
        for (Update u : accepted) {
            if (!leftOut.contains(u.participant())) {
                samples += u.numSamples();
            }
        }
        Map<String, Integer> bps = new HashMap<>();
        for (Update u : accepted) {
            boolean averaged = !leftOut.contains(u.participant());
            bps.put(u.participant(), averaged
                    ? Agreement.bps(global, u.weights(), aggregate, accepted.size() > 1 ? u.numSamples() / samples : 0)
                    : 0);
        }
        return bps;
    }

    /**
     * The contribution weight of an accepted update: its sample count (bonded and capped on
     * chain) times its agreement in basis points, so that rewards follow both the data behind an
     * update and how well it agrees with the round's robust aggregate.
     */
    static BigInteger weightOf(Update accepted, int agreementBps) {
        return BigInteger.valueOf(accepted.numSamples()).multiply(BigInteger.valueOf(agreementBps));
    }

    /**
     * The participants whose update is bit-identical to another participant's in the same
     * round. Commit-reveal stops copying a stranger's update, so identical files mean shared
     * work (or a leak): no copy earns, and none is slashed, since the original may be among them.
     */
    private static Set<String> copies(List<Update> updates) {
        Set<String> copies = new HashSet<>();
        Map<Integer, List<Update>> byHash = new HashMap<>();
        for (Update update : updates) {
            byHash.computeIfAbsent(Arrays.hashCode(update.weights()), h -> new ArrayList<>()).add(update);
        }
        for (List<Update> sameHash : byHash.values()) {
            for (int i = 0; i < sameHash.size(); i++) {
                for (int j = i + 1; j < sameHash.size(); j++) {
                    if (Arrays.equals(sameHash.get(i).weights(), sameHash.get(j).weights())) {
                        copies.add(sameHash.get(i).participant());
                        copies.add(sameHash.get(j).participant());
                    }
                }
            }
        }
        return copies;
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

    /** A problem if {@code update} is the global model itself, bit for bit: no training was done. */
    static String unchanged(Update update, float[] global) {
        return Arrays.equals(update.weights(), global)
                ? "the global model resubmitted unchanged: no training" : null;
    }

    /** A problem if {@code update}'s step is longer than the task's privacy policy lets an honest one be. */
    private String overBound(Update update, float[] global) {
        return StepBound.violation(privacy, global, update.weights()).orElse(null);
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
    public String params() {
        return combiner.params();
    }

    /** This rule under {@code policy}: screening by its step bound, scoring by samples alone. */
    ScreenedRule underPrivacy(DpPolicy policy) {
        return new ScreenedRule(ruleId, name, combiner, requireNonNull(policy, "policy == null"));
    }

    @Override
    public String spec() {
        return combiner.params().isEmpty() ? name : name + ":" + combiner.params();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScreenedRule other && ruleId == other.ruleId && spec().equals(other.spec())
                && Objects.equals(privacy, other.privacy);
    }

    @Override
    public int hashCode() {
        return spec().hashCode() * 31 + Objects.hashCode(privacy);
    }

    @Override
    public String toString() {
        return privacy == null ? spec() : spec() + " under " + privacy;
    }
}
