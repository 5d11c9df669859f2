package org.fedledger.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fedledger.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a DL4J network on a participant's own {@link Dataset} and measures it. Mini-batches
 * are drawn in a seeded order, so the same data, seed and starting weights give the same run.
 */
public final class LocalTraining {
    private LocalTraining() {}

    /** Runs {@code epochs} passes over {@code data} in mini-batches of {@code batchSize}. */
    public static void fit(MultiLayerNetwork network, Dataset data, int epochs, int batchSize, long seed) {
        if (epochs < 0 || batchSize < 1) {
            throw new IllegalArgumentException("epochs >= 0 and batchSize >= 1 required");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            for (int start = 0; start < order.length; start += batchSize) {
                int end = Math.min(order.length, start + batchSize);
                int[] batch = Arrays.copyOfRange(order, start, end);
                network.fit(features(data, batch), oneHot(data, batch));
            }
        }
    }

    /** The share of {@code data} that {@code spec}'s network with {@code weights} classifies correctly, in [0, 1]. */
    public static double accuracy(ModelSpec spec, float[] weights, Dataset data) {
        MultiLayerNetwork network = spec.newNetwork();
        Weights.load(network, weights);
        return accuracy(network, data);
    }

    /** The share of {@code data} the network classifies correctly, in [0, 1]. */
    public static double accuracy(MultiLayerNetwork network, Dataset data) {
        int correct = 0;
        int chunk = 1024;
        for (int start = 0; start < data.size(); start += chunk) {
            int end = Math.min(data.size(), start + chunk);
            int[] rows = new int[end - start];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = start + i;
            }
            INDArray predicted = network.output(features(data, rows)).argMax(1);
            for (int i = 0; i < rows.length; i++) {
                if (predicted.getInt(i) == data.labels()[rows[i]]) {
                    correct++;
                }
            }
        }
        return data.size() == 0 ? 0 : (double) correct / data.size();
    }

    private static INDArray features(Dataset data, int[] rows) {
        int n = data.featureCount();
        float[] out = new float[rows.length * n];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.features(), rows[i] * n, out, i * n, n);
        }
        return Nd4j.create(out, new long[] {rows.length, n}, 'c');
    }

    private static INDArray oneHot(Dataset data, int[] rows) {
        float[] out = new float[rows.length * data.numClasses()];
        for (int i = 0; i < rows.length; i++) {
            out[i * data.numClasses() + data.labels()[rows[i]]] = 1f;
        }
        return Nd4j.create(out, new long[] {rows.length, data.numClasses()}, 'c');
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
