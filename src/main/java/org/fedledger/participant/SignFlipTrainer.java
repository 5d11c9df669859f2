package org.fedledger.participant;

import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;

/**
 * A poisoning participant (for demos and attack simulations): trains honestly, then submits the
 * global model moved the opposite way, {@code scale} times as far: {@code global - scale x
 * (trained - global)}. Averaged in, it drags the model away from what the others learned; a
 * robust rule such as Multi-Krum leaves it out, and the honest participants report it.
 */
public final class SignFlipTrainer implements Trainer {
    private final Trainer honest;
    private final float scale;

    public SignFlipTrainer(Trainer honest, float scale) {
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite");
        }
        this.honest = honest;
        this.scale = scale;
    }

    @Override
    public float[] train(ModelSpec spec, float[] global, Dataset data, long round) {
        float[] trained = honest.train(spec, global, data, round);
        float[] flipped = new float[trained.length];
        for (int i = 0; i < trained.length; i++) {
            flipped[i] = global[i] - scale * (trained[i] - global[i]);
        }
        return flipped;
    }

    @Override
    public String toString() {
        return "SignFlipTrainer[x" + scale + "]";
    }
}
