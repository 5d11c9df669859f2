package org.fedledger.data;

import java.util.SplittableRandom;

/**
 * The random draws behind splits and partitions, built only on {@link SplittableRandom} and
 * {@link StrictMath} so that a seed gives the same result on every JVM and platform.
 */
final class Sampling {
    private Sampling() {}

    /**
     * Returns the sample indices of each class, ascending, indexed by class; equally, given any
     * key in {@code [0, numClasses)} per sample (an owner, say), the samples of each key.
     */
    static int[][] byClass(int[] labels, int numClasses) {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] members = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            members[c] = new int[counts[c]];
        }
        int[] filled = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            members[labels[i]][filled[labels[i]]++] = i;
        }
        return members;
    }

    /** Shuffles {@code values} in place (Fisher-Yates). */
    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /**
     * Draws proportions from a symmetric Dirichlet distribution with concentration {@code alpha}
     * over {@code k} outcomes: k Gamma(alpha, 1) draws, normalised. The draws are kept as
     * logarithms until normalised, so that the tiny values a small alpha produces do not all
     * underflow to zero.
     */
    static double[] dirichlet(double alpha, int k, SplittableRandom random) {
        double[] logs = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            logs[i] = logGamma(alpha, random);
            max = Math.max(max, logs[i]);
        }
        double[] proportions = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            proportions[i] = StrictMath.exp(logs[i] - max);
            sum += proportions[i];
        }
        for (int i = 0; i < k; i++) {
            proportions[i] /= sum;
        }
        return proportions;
    }

    /**
     * Returns the logarithm of a Gamma(alpha, 1) draw: Marsaglia and Tsang's method (2000) for
     * alpha &ge; 1, and for alpha &lt; 1 their boost, Gamma(alpha) = Gamma(alpha + 1) U^(1/alpha),
     * taken in logarithms.
     */
    static double logGamma(double alpha, SplittableRandom random) {
        if (alpha < 1) {
            return logGamma(alpha + 1, random) + StrictMath.log(uniformOpenAtZero(random)) / alpha;
        }
        double d = alpha - 1.0 / 3;
        double c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x = normal(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double logU = StrictMath.log(uniformOpenAtZero(random));
            if (logU < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
                return StrictMath.log(d) + StrictMath.log(v);
            }
        }
    }

    /** Returns a standard normal draw (Marsaglia's polar method). */
    static double normal(SplittableRandom random) {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            }
        }
    }

    private static double uniformOpenAtZero(SplittableRandom random) {
        return 1 - random.nextDouble();
    }
}
