package org.fedledger.participant;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fedledger.data.Dataset;
import org.fedledger.model.LocalTraining;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.Weights;

/**
 * Honest local training (FedAvg's client update): E epochs of mini-batch training from the
 * global weights, with a fresh optimizer every round (the optimizer state is not part of the
 * global model) and a shuffling seed derived from the participant's seed and the round.
 */
public final class LocalTrainer implements Trainer {
    private final int epochs;
    private final int batchSize;
    private final long seed;

    public LocalTrainer(int epochs, int batchSize, long seed) {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be at least 1");
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public float[] train(ModelSpec spec, float[] global, Dataset data, long round) {
        MultiLayerNetwork network = spec.newNetwork();
        Weights.load(network, global);
        LocalTraining.fit(network, data, epochs, batchSize, seed * 1_000_003L + round);
        return Weights.of(network);
    }

    @Override
    public String toString() {
        return "LocalTrainer[" + epochs + " epochs, batch " + batchSize + "]";
    }
}
