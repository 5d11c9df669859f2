package org.fedledger.adversary;

import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;
import org.fedledger.participant.Trainer;

/** The free rider: does not train and resubmits the global model unchanged, claiming its samples. */
public final class FreeRide implements Trainer {
    @Override
    public float[] train(ModelSpec spec, float[] global, Dataset data, long round) {
        return global.clone();
    }

    @Override
    public String toString() {
        return "FreeRide";
    }
}
