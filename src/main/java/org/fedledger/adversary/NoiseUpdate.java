package org.fedledger.adversary;

import java.util.SplittableRandom;
import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;
import org.fedledger.participant.Trainer;

/**
 * The lazy participant: does not train, submits the global model plus Gaussian noise so that the
 * file looks like a fresh update, and claims its samples all the same.
 */
public final class NoiseUpdate implements Trainer {
    private final double sigma;
    private final long seed;

    /** @param sigma the noise's standard deviation per weight */
    public NoiseUpdate(double sigma, long seed) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be positive and finite: " + sigma);
        }
        this.sigma = sigma;
        this.seed = seed;
    }

    @Override
    public float[] train(ModelSpec spec, float[] global, Dataset data, long round) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + round);
        float[] noisy = new float[global.length];
        for (int i = 0; i < global.length; i++) {
            noisy[i] = global[i] + (float) random.nextGaussian(0, sigma);
        }
        return noisy;
    }

    @Override
    public String toString() {
        return "NoiseUpdate[sigma " + sigma + "]";
    }
}
