package org.fedledger.adversary;

import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;
import org.fedledger.participant.Trainer;

/**
 * Model poisoning by scaling: trains honestly, then submits {@code global + factor x step}, where
 * the step is what honest training moved. A negative factor flips the step ("sign flip", x-4
 * here), drags the model away from what the others learned; a large positive one ("boost",
 * x10) tries to dominate an average, as in model-replacement attacks.
 */
public final class ScaledUpdate implements Trainer {
    private final Trainer honest;
    private final float factor;

    public ScaledUpdate(Trainer honest, float factor) {
        if (!Float.isFinite(factor) || factor == 0 || factor == 1) {
            throw new IllegalArgumentException("factor must be finite and neither 0 nor 1: " + factor);
        }
        this.honest = honest;
        this.factor = factor;
    }

    /** The sign flip used by the demo and the benchmarks: four times the honest step, the other way. */
    public static ScaledUpdate signFlip(Trainer honest) {
        return new ScaledUpdate(honest, -4f);
    }

    /** The boosted update used by the benchmarks: ten times the honest step. */
    public static ScaledUpdate boost(Trainer honest) {
        return new ScaledUpdate(honest, 10f);
    }

    @Override
    public float[] train(ModelSpec spec, float[] global, Dataset data, long round) {
        float[] trained = honest.train(spec, global, data, round);
        float[] scaled = new float[trained.length];
        for (int i = 0; i < trained.length; i++) {
            scaled[i] = global[i] + factor * (trained[i] - global[i]);
        }
        return scaled;
    }

    @Override
    public String toString() {
        return "ScaledUpdate[x" + factor + "]";
    }
}
