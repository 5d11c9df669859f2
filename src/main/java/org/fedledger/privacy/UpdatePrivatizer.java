package org.fedledger.privacy;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Turns a participant's locally trained weights into the update it may publish under a
 * {@link DpPolicy}: {@code g + clip(w - g, C) + N(0, (zC)^2)} per weight, where {@code g} is the
 * round's global model. Clipping bounds what one participant's data can change (the L2
 * sensitivity C); the noise hides, within epsilon, whether any particular data was used.
 *
 * <p>Noise comes from a {@link SecureRandom} unless a {@link Random} is injected (tests only): a
 * predictable generator would let anyone subtract the noise again. The arithmetic is fixed:
 * the step's norm is summed in double in index order, the step scaled in double, and each weight
 * written as the float sum {@code g + (float) step + (float) noise}, left to right.
 */
public final class UpdatePrivatizer {
    private final DpPolicy policy;
    private final Random random;

    /** Uses a fresh {@link SecureRandom} for the noise. */
    public UpdatePrivatizer(DpPolicy policy) {
        this(policy, new SecureRandom());
    }

    /** Uses {@code random} for the noise; only tests should pass anything but a SecureRandom. */
    public UpdatePrivatizer(DpPolicy policy, Random random) {
        this.policy = requireNonNull(policy, "policy == null");
        this.random = requireNonNull(random, "random == null");
    }

    /**
     * Returns {@code global + clip(local - global, C) + noise}, a new array.
     *
     * @throws IllegalArgumentException if the lengths differ or a weight is not finite
     */
    public float[] privatize(float[] global, float[] local) {
        requireNonNull(global, "global == null");
        requireNonNull(local, "local == null");
        if (global.length != local.length) {
            throw new IllegalArgumentException("local model has " + local.length + " weights, the global model "
                    + global.length + ": train the round's global model");
        }
        checkFinite(global, "global");
        checkFinite(local, "local");
        double norm = StepBound.distance(local, global);
        double scale = norm > policy.clipNorm() ? policy.clipNorm() / norm : 1.0;
        double sigma = policy.noiseStdDev();
        float[] out = new float[global.length];
        for (int j = 0; j < out.length; j++) {
            float step = (float) (scale * ((double) local[j] - global[j]));
            float noise = (float) (sigma * random.nextGaussian());
            out[j] = global[j] + step + noise;
        }
        return out;
    }

    private static void checkFinite(float[] weights, String which) {
        for (int j = 0; j < weights.length; j++) {
            if (!Float.isFinite(weights[j])) {
                throw new IllegalArgumentException(which + " weight " + j + " is not finite (" + weights[j] + ")");
            }
        }
    }
}
