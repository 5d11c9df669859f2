package org.fedledger.adversary;

import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;
import org.fedledger.participant.Trainer;

/**
 * Data poisoning: trains honestly, but on its data with every label {@code c} replaced by
 * {@code classes - 1 - c}, so its update teaches the model a wrong mapping while looking like
 * ordinary training (same size of step, same files).
 */
public final class LabelFlip implements Trainer {
    private final Trainer honest;

    public LabelFlip(Trainer honest) {
        this.honest = honest;
    }

    /** {@code data} with every label {@code c} replaced by {@code classes - 1 - c}. */
    static Dataset flipped(Dataset data) {
        int[] labels = data.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.numClasses() - 1 - labels[i];
        }
        return new Dataset(data.name() + " (labels flipped)", data.featureCount(), data.numClasses(),
                data.features(), labels);
    }

    @Override
    public float[] train(ModelSpec spec, float[] global, Dataset data, long round) {
        return honest.train(spec, global, flipped(data), round);
    }

    @Override
    public String toString() {
        return "LabelFlip";
    }
}
