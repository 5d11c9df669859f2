package org.fedledger.participant;

import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;

/**
 * What a participant does with the global model in a round: an honest participant trains it on
 * its own data ({@link LocalTrainer}); other behaviours (tests, attack simulations) are other
 * implementations.
 */
public interface Trainer {
    /**
     * Returns the weights to submit for {@code round}, starting from {@code global}.
     *
     * @param spec the task's model
     * @param global the global model's weights; not modified
     * @param data the participant's own training data
     * @param round the round being trained for (1-based)
     */
    float[] train(ModelSpec spec, float[] global, Dataset data, long round);
}
