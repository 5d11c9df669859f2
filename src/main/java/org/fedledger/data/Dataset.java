package org.fedledger.data;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A labelled classification data set in plain arrays: {@code size()} samples of
 * {@code featureCount} floats each, stored row-major in {@code features}, and one class index in
 * {@code 0..numClasses-1} per sample in {@code labels}. The model package turns it into tensors;
 * the partitioners hand out index arrays into it.
 *
 * <p>The arrays are shared, not copied (MNIST alone is 31 MB of floats): treat them as
 * read-only. Every method that derives a data set builds new arrays. Equality compares contents.
 */
public record Dataset(String name, int featureCount, int numClasses, float[] features, int[] labels) {
    public Dataset {
        requireNonNull(name, "name == null");
        requireNonNull(features, "features == null");
        requireNonNull(labels, "labels == null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
        if (featureCount < 1) {
            throw new IllegalArgumentException("featureCount < 1: " + featureCount);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses < 1: " + numClasses);
        }
        if ((long) labels.length * featureCount != features.length) {
            throw new IllegalArgumentException("features.length " + features.length + " != labels.length "
                    + labels.length + " * featureCount " + featureCount);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(
                        "labels[" + i + "] = " + labels[i] + ", expected 0.." + (numClasses - 1));
            }
        }
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new IllegalArgumentException("features[" + i + "] = " + features[i] + " is not finite");
            }
        }
    }

    /** Returns the number of samples. */
    public int size() {
        return labels.length;
    }

    /** Returns a copy of sample {@code i}'s features. */
    public float[] row(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(features, i * featureCount, (i + 1) * featureCount);
    }

    /** Returns how many samples each class has, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Returns the samples at {@code indices}, in that order, under the same name. */
    public Dataset subset(int[] indices) {
        return subset(name, indices);
    }

    /**
     * Splits this data set in two, stratified by class and deterministic given {@code seed}: each
     * class puts {@code round(classSize * testFraction)} of its samples, at least one and at most
     * all but one, chosen by a seeded shuffle, into the test part, so every class with two or more
     * samples is in both parts (a class with a single sample stays in train). Both parts keep the
     * samples in their original order and are named {@code name-train} and {@code name-test}.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be between 0 and 1, exclusive: " + testFraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] inTest = new boolean[size()];
        for (int[] members : Sampling.byClass(labels, numClasses)) {
            int n = members.length;
            if (n < 2) {
                continue;
            }
            long take = Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
            Sampling.shuffle(members, random);
            for (int i = 0; i < take; i++) {
                inTest[members[i]] = true;
            }
        }
        return new Split(subset(name + "-train", select(inTest, false)), subset(name + "-test", select(inTest, true)));
    }

    /**
     * Returns a stratified random sample of exactly {@code count} samples, deterministic given
     * {@code seed}, in their original order and under the same name. Each class gets its share
     * of {@code count} in proportion to its size; the shares left over by rounding down go to
     * the classes with the largest remainders (lower class index first on ties).
     */
    public Dataset sample(int count, long seed) {
        if (count < 0 || count > size()) {
            throw new IllegalArgumentException("count must be in 0.." + size() + ": " + count);
        }
        int[][] byClass = Sampling.byClass(labels, numClasses);
        int[] quota = new int[numClasses];
        long[] remainder = new long[numClasses];
        int left = count;
        for (int c = 0; c < numClasses; c++) {
            long share = (long) byClass[c].length * count;
            quota[c] = (int) (share / size());
            remainder[c] = share % size();
            left -= quota[c];
        }
        for (; left > 0; left--) {
            int best = -1;
            for (int c = 0; c < numClasses; c++) {
                if (quota[c] < byClass[c].length && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] chosen = new boolean[size()];
        for (int c = 0; c < numClasses; c++) {
            Sampling.shuffle(byClass[c], random);
            for (int i = 0; i < quota[c]; i++) {
                chosen[byClass[c][i]] = true;
            }
        }
        return subset(select(chosen, true));
    }

    private Dataset subset(String newName, int[] indices) {
        requireNonNull(indices, "indices == null");
        float[] newFeatures = new float[Math.multiplyExact(indices.length, featureCount)];
        int[] newLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            checkIndex(i);
            System.arraycopy(features, i * featureCount, newFeatures, k * featureCount, featureCount);
            newLabels[k] = labels[i];
        }
        return new Dataset(newName, featureCount, numClasses, newFeatures, newLabels);
    }

    private static int[] select(boolean[] flags, boolean wanted) {
        int count = 0;
        for (boolean flag : flags) {
            if (flag == wanted) {
                count++;
            }
        }
        int[] indices = new int[count];
        for (int i = 0, k = 0; i < flags.length; i++) {
            if (flags[i] == wanted) {
                indices[k++] = i;
            }
        }
        return indices;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("index " + i + " out of 0.." + (size() - 1));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dataset that
                && name.equals(that.name)
                && featureCount == that.featureCount
                && numClasses == that.numClasses
                && Arrays.equals(labels, that.labels)
                && Arrays.equals(features, that.features);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(labels)) + Arrays.hashCode(features);
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + size() + " samples x " + featureCount + " features, "
                + numClasses + " classes]";
    }
}
