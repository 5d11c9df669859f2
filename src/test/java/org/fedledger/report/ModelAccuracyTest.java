package org.fedledger.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fedledger.data.Dataset;
import org.fedledger.model.LocalTraining;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.model.Weights;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;
import org.fedledger.testing.MemoryContentStore;
import org.fedledger.storage.CidCalculator;
import org.fedledger.weights.WeightFile;
import org.junit.jupiter.api.Test;

class ModelAccuracyTest {
    private final MemoryContentStore store = new MemoryContentStore();
    private final ModelStore models = new ModelStore(store);
    private final ModelSpec spec = ModelSpecs.get("tabular-mlp:4:3");

    @Test
    void refusesAModelThatDoesNotFitTheTestSet() {
        Dataset wrong = tiny(5, 3);

        assertThatThrownBy(() -> new ModelAccuracy(models, spec, wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the task's model takes 4 features and 3 classes, but the test set tiny has 5 features "
                        + "and 3 classes: its accuracy cannot be measured on it");
    }

    @Test
    void measuresTheWeightsStoredUnderTheCid() throws Exception {
        Dataset test = tiny(4, 3);
        Cid weights = models.putWeights(new WeightFile(spec.digest(), spec.initialWeights()));
        var network = spec.newNetwork();
        Weights.load(network, spec.initialWeights());

        double measured = new ModelAccuracy(models, spec, test).accuracyOf(weights).orElseThrow();

        assertThat(measured).isBetween(0.0, 1.0).isEqualTo(LocalTraining.accuracy(network, test));
    }

    @Test
    void weightsMissingFromTheStoreFailTheProbe() {
        Cid absent = CidCalculator.of(new byte[] {1, 2, 3});

        assertThatThrownBy(() -> new ModelAccuracy(models, spec, tiny(4, 3)).accuracyOf(absent))
                .isInstanceOf(ModelStoreException.class);
    }

    private static Dataset tiny(int features, int classes) {
        int rows = 12;
        float[] x = new float[rows * features];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % classes;
            x[i * features + (i % features)] = 1f;
        }
        return new Dataset("tiny", features, classes, x, y);
    }
}
