package org.fedledger.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test inputs: addresses, updates and seeded random rounds. */
final class Rounds {
    private Rounds() {}

    /** The address of participant {@code i}, mixed case like a checksummed address. */
    static String address(int i) {
        return String.format("0x%040X", 0xABC000L + 7919L * i);
    }

    static Update update(int i, long samples, float... weights) {
        return new Update(address(i), samples, weights);
    }

    /**
     * A seeded round: a global model and {@code count} updates near it, with the given update
     * scaled by 1000 as an attacker's (or none if {@code outlier < 0}).
     */
    static List<Update> updates(long seed, float[] global, int count, int outlier) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Update> updates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] weights = new float[global.length];
            for (int j = 0; j < weights.length; j++) {
                weights[j] = global[j] + (float) random.nextGaussian(0, 0.01);
                if (i == outlier) {
                    weights[j] *= 1000;
                }
            }
            updates.add(new Update(address(i), 100 + random.nextInt(900), weights));
        }
        return updates;
    }

    static float[] global(long seed, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] global = new float[length];
        for (int j = 0; j < length; j++) {
            global[j] = (float) random.nextGaussian(0, 0.1);
        }
        return global;
    }
}
