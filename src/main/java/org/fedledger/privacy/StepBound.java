package org.fedledger.privacy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The check any participant can run on another's published update under a {@link DpPolicy}:
 * the step from the global model must be no longer than an honest clipped-and-noised step can
 * plausibly be. Noise cannot be verified (it is random), but its size can: an honest step is
 * {@code s = c + n} with {@code |c| <= C} and {@code n ~ N(0, sigma^2 I_d)}, {@code sigma = zC}.
 *
 * <p>Why the bound holds: {@code |s| <= C + |n|}, and {@code |n|/sigma} is a 1-Lipschitz function
 * of a standard Gaussian vector with mean at most {@code sqrt(d)}, so by Gaussian concentration
 * (equivalently Laurent and Massart 2000, Lemma 1: {@code P(chi2_d >= d + 2 sqrt(d x) + 2x) <=
 * e^-x} with {@code x = k^2/2}) {@code P(|n| >= sigma (sqrt(d) + k)) <= exp(-k^2/2)}. With
 * {@code k = } {@value #TAIL_SIGMAS} an honest update is wrongly rejected with probability at most
 * {@code e^-72 < 1e-31}, while the bound is only {@code k/sqrt(d)} looser than the typical noise
 * norm (4% for 100 000 weights). The check compares in double with a relative slack of
 * {@value #FLOAT_SLACK} of {@code |global| + bound} for the float rounding of
 * {@code global + step}.
 */
public final class StepBound {
    /** k, the tail allowance in noise standard deviations. */
    public static final double TAIL_SIGMAS = 12;
    /** Relative allowance for float rounding; float's unit roundoff is 6e-8. */
    static final double FLOAT_SLACK = 1e-6;

    private StepBound() {}

    /** Returns {@code C + zC (sqrt(d) + k)}, the longest step an honest update has, but for a {@code e^-72} chance. */
    public static double maxStepNorm(DpPolicy policy, int dimension) {
        requireNonNull(policy, "policy == null");
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension < 0: " + dimension);
        }
        return policy.clipNorm() + policy.noiseStdDev() * (Math.sqrt(dimension) + TAIL_SIGMAS);
    }

    /**
     * Returns why {@code update} cannot be an honest noisy update of {@code global} under
     * {@code policy}, or empty if it can: a length mismatch, a value that is not finite, or a
     * step longer than {@link #maxStepNorm}.
     */
    public static Optional<String> violation(DpPolicy policy, float[] global, float[] update) {
        requireNonNull(policy, "policy == null");
        requireNonNull(global, "global == null");
        requireNonNull(update, "update == null");
        if (update.length != global.length) {
            return Optional.of("update has " + update.length + " weights, the global model " + global.length);
        }
        for (int j = 0; j < update.length; j++) {
            if (!Float.isFinite(update[j])) {
                return Optional.of("update weight " + j + " is not finite (" + update[j] + ")");
            }
        }
        double bound = maxStepNorm(policy, global.length);
        double norm = distance(update, global);
        double allowed = bound + FLOAT_SLACK * (norm(global) + bound);
        if (norm > allowed) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "step norm %.6g exceeds the differential-privacy bound %.6g (clip norm %s, noise multiplier %s,"
                            + " %d weights): the update was not clipped to this task's clip norm",
                    norm, bound, policy.clipNorm(), policy.noiseMultiplier(), global.length));
        }
        return Optional.empty();
    }

    /** {@code |a - b|}, the squares summed in double in index order, so the same on every JVM. */
    static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double d = (double) a[j] - b[j];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private static double norm(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }
}
