package org.fedledger.report;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fedledger.data.Dataset;
import org.fedledger.model.LocalTraining;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.Weights;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;

/**
 * The usual {@link AccuracyProbe}: fetches a weight file through a {@link ModelStore} (so the
 * bytes are checked against the CID and the task's spec), loads it into the spec's network and
 * measures it on a test set. Not thread-safe: one network is reused for every model.
 */
public final class ModelAccuracy implements AccuracyProbe {
    private final ModelStore models;
    private final ModelSpec spec;
    private final Dataset test;
    private final MultiLayerNetwork network;

    /**
     * A probe of {@code spec}'s models on {@code test}.
     *
     * @throws IllegalArgumentException if the model's features or classes do not fit the data
     *     set, or the data set is empty, with a message for the user
     */
    public ModelAccuracy(ModelStore models, ModelSpec spec, Dataset test) {
        this.models = requireNonNull(models, "models == null");
        this.spec = requireNonNull(spec, "spec == null");
        this.test = requireNonNull(test, "test == null");
        if (spec.featureCount() != test.featureCount() || spec.classCount() != test.numClasses()) {
            throw new IllegalArgumentException("the task's model takes " + spec.featureCount() + " features and "
                    + spec.classCount() + " classes, but the test set " + test.name() + " has " + test.featureCount()
                    + " features and " + test.numClasses() + " classes: its accuracy cannot be measured on it");
        }
        if (test.size() == 0) {
            throw new IllegalArgumentException("the test set " + test.name() + " is empty");
        }
        this.network = spec.newNetwork();
    }

    @Override
    public OptionalDouble accuracyOf(Cid weights) throws ModelStoreException {
        Weights.load(network, models.getWeights(requireNonNull(weights, "weights == null"), spec).values());
        return OptionalDouble.of(LocalTraining.accuracy(network, test));
    }
}
