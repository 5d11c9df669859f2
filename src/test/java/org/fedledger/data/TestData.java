package org.fedledger.data;

import java.util.Arrays;

/** Small synthetic data sets whose first feature is the sample's own index, to trace samples. */
final class TestData {
    private TestData() {}

    /** Returns {@code perClass[c]} samples of each class c, classes interleaved, 3 features each. */
    static Dataset traceable(int... perClass) {
        int size = 0;
        for (int count : perClass) {
            size += count;
        }
        int[] labels = new int[size];
        int[] left = perClass.clone();
        for (int i = 0, c = 0; i < size; c = (c + 1) % perClass.length) {
            if (left[c] > 0) {
                left[c]--;
                labels[i++] = c;
            }
        }
        float[] features = new float[size * 3];
        for (int i = 0; i < size; i++) {
            features[i * 3] = i;
            features[i * 3 + 1] = labels[i];
            features[i * 3 + 2] = 0.5f;
        }
        return new Dataset("synthetic", 3, perClass.length, features, labels);
    }

    /** Returns the original indices of the samples of a data set made by {@link #traceable}. */
    static int[] ids(Dataset data) {
        int[] ids = new int[data.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) data.features()[i * data.featureCount()];
        }
        return ids;
    }

    static int[] balanced(int classes, int perClass) {
        int[] counts = new int[classes];
        Arrays.fill(counts, perClass);
        return counts;
    }
}
