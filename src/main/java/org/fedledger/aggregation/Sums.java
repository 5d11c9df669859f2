package org.fedledger.aggregation;

import java.util.List;

/**
 * The weighted sums and distances the rules share, each with its order of operations fixed so
 * that the result is the same to the bit on every JVM: Java 17 evaluates float and double
 * arithmetic strictly, so only the order could differ, and here it cannot. Updates arrive sorted
 * by address and are always reduced in that order. Loops walk the coordinates in blocks so that
 * partial results stay in cache while each update streams through once; blocking changes
 * neither what is added to what nor the order.
 */
final class Sums {
    /** Coordinates per block: 16 KiB of each update. A multiple of {@link #LANES}. */
    static final int BLOCK = 4096;
    /** Partial sums of a squared distance: coordinate j goes to lane {@code j % 8}. */
    static final int LANES = 8;

    private Sums() {}

    /**
     * Thrown by {@link #average} when an update holds a value that is not finite: FedAvg skips
     * the separate scan for such values (it would cost as much as the average itself) and lets
     * the rule drop the update and try again.
     */
    static final class NonFiniteInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NonFiniteInput() {
            super("an update holds a value that is not finite", null, false, false);
        }
    }

    /** Each update's share of the samples, {@code n_i / sum n}, the sum taken in list order. */
    static double[] sampleShares(List<Update> updates) {
        double total = 0;
        for (Update update : updates) {
            total += update.numSamples();
        }
        double[] shares = new double[updates.size()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = updates.get(i).numSamples() / total;
        }
        return shares;
    }

    /**
     * Returns {@code sum_i c_i * x_i} per coordinate, in float: {@code c_i = (float) shares[i]},
     * each product rounded to float and added to the running float sum in list order, the first
     * product being the start value. Float keeps the loop as fast as the memory (the JDK 17 JIT
     * vectorises it; widening to double it does not). A sum beyond the float range, possible
     * only for values within a millionth of {@code Float.MAX_VALUE}, saturates to
     * {@code +-Float.MAX_VALUE}.
     *
     * @param shares non-negative, summing to at most 1
     * @throws NonFiniteInput if an update holds a NaN or infinite value
     */
    static float[] average(List<Update> updates, double[] shares) {
        int n = updates.size();
        float[][] xs = new float[n][];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = updates.get(i).weights();
            c[i] = (float) shares[i];
        }
        int length = xs[0].length;
        float[] out = new float[length];
        for (int from = 0; from < length; from += BLOCK) {
            int to = Math.min(length, from + BLOCK);
            float c0 = c[0];
            float[] x0 = xs[0];
            for (int j = from; j < to; j++) {
                out[j] = c0 * x0[j];
            }
            for (int i = 1; i < n; i++) {
                float ci = c[i];
                float[] x = xs[i];
                for (int j = from; j < to; j++) {
                    out[j] += ci * x[j];
                }
            }
            if (!finite(out, from, to)) {
                settle(xs, out, from, to);
            }
        }
        return out;
    }

    private static boolean finite(float[] values, int from, int to) {
        float max = 0;
        for (int j = from; j < to; j++) {
            max = Math.max(max, Math.abs(values[j])); // NaN wins
        }
        return max <= Float.MAX_VALUE;
    }

    /**
     * Finite products (each at most its value, as {@code c <= 1}) can sum to an infinity but
     * never to NaN, so a sum that is not finite either has a non-finite input or overflowed.
     */
    private static void settle(float[][] xs, float[] out, int from, int to) {
        for (float[] x : xs) {
            for (int j = from; j < to; j++) {
                if (!Float.isFinite(x[j])) {
                    throw new NonFiniteInput();
                }
            }
        }
        for (int j = from; j < to; j++) {
            out[j] = Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, out[j]));
        }
    }

    /**
     * Returns {@code base + sum_i c_i * (x_i - base)} per coordinate, accumulated in double in
     * list order and rounded to float once. With non-negative {@code c_i} summing to at most 1
     * the result lies between the inputs, so it is finite.
     */
    static float[] averageOfDeltas(float[] base, List<Update> updates, double[] coefficients) {
        float[] out = new float[base.length];
        double[] acc = new double[BLOCK];
        for (int from = 0; from < base.length; from += BLOCK) {
            int to = Math.min(base.length, from + BLOCK);
            java.util.Arrays.fill(acc, 0.0);
            for (int i = 0; i < coefficients.length; i++) {
                double c = coefficients[i];
                float[] x = updates.get(i).weights();
                for (int j = from; j < to; j++) {
                    acc[j - from] += c * ((double) x[j] - base[j]);
                }
            }
            for (int j = from; j < to; j++) {
                out[j] = (float) (base[j] + acc[j - from]);
            }
        }
        return out;
    }

    /** Returns {@code sum_j (a_j - b_j)^2} in double, by {@link #LANES} lanes. */
    static double squaredDistance(float[] a, float[] b) {
        double[] lanes = new double[LANES];
        addSquares(a, b, 0, a.length, lanes);
        return total(lanes);
    }

    /**
     * Returns the squared distance of every pair of updates, {@code [i][j] == [j][i]}, each equal
     * to {@link #squaredDistance} of the pair, computed block by block so each block of every
     * update is read from memory once.
     */
    static double[][] pairwiseSquaredDistances(List<Update> updates) {
        int n = updates.size();
        int length = updates.get(0).weights().length;
        double[][][] lanes = new double[n][n][LANES];
        for (int from = 0; from < length; from += BLOCK) {
            int to = Math.min(length, from + BLOCK);
            for (int i = 0; i < n; i++) {
                for (int k = i + 1; k < n; k++) {
                    addSquares(updates.get(i).weights(), updates.get(k).weights(), from, to, lanes[i][k]);
                }
            }
        }
        double[][] distances = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                distances[i][k] = total(lanes[i][k]);
                distances[k][i] = distances[i][k];
            }
        }
        return distances;
    }

    /**
     * Adds {@code (a_j - b_j)^2} for j in [from, to) to lane {@code j % 8}; a tail shorter than
     * eight goes to lane 0. {@code from} is a multiple of 8, and so is {@code to} unless it is the
     * end, so summing by blocks adds the same terms in the same order as one call for all. Eight
     * independent sums keep the CPU's adders busy; the JIT cannot vectorise a widening loop.
     */
    private static void addSquares(float[] a, float[] b, int from, int to, double[] lanes) {
        double s0 = lanes[0];
        double s1 = lanes[1];
        double s2 = lanes[2];
        double s3 = lanes[3];
        double s4 = lanes[4];
        double s5 = lanes[5];
        double s6 = lanes[6];
        double s7 = lanes[7];
        int j = from;
        for (; j + 7 < to; j += 8) {
            double d0 = (double) a[j] - b[j];
            double d1 = (double) a[j + 1] - b[j + 1];
            double d2 = (double) a[j + 2] - b[j + 2];
            double d3 = (double) a[j + 3] - b[j + 3];
            double d4 = (double) a[j + 4] - b[j + 4];
            double d5 = (double) a[j + 5] - b[j + 5];
            double d6 = (double) a[j + 6] - b[j + 6];
            double d7 = (double) a[j + 7] - b[j + 7];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; j < to; j++) {
            double d = (double) a[j] - b[j];
            s0 += d * d;
        }
        lanes[0] = s0;
        lanes[1] = s1;
        lanes[2] = s2;
        lanes[3] = s3;
        lanes[4] = s4;
        lanes[5] = s5;
        lanes[6] = s6;
        lanes[7] = s7;
    }

    /** The lanes added pairwise: {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}. */
    private static double total(double[] s) {
        return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    }
}
