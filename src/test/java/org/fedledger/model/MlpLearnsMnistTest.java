package org.fedledger.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fedledger.data.DataSets;
import org.fedledger.data.Split;
import org.fedledger.weights.WeightFile;
import org.junit.jupiter.api.Test;

/** DL4J wired in: the shipped MLP learns the real MNIST digits on one thread. */
class MlpLearnsMnistTest {
    @Test
    void mlpLearnsMnistAndItsWeightsRoundTripThroughAWeightFileBitExactly() throws Exception {
        Split mnist = DataSets.load("mnist");
        ModelSpec spec = ModelSpecs.get("mlp");
        MultiLayerNetwork network = spec.newNetwork();
        double before = LocalTraining.accuracy(network, mnist.test());

        LocalTraining.fit(network, mnist.train(), 2, 64, 1);
        double after = LocalTraining.accuracy(network, mnist.test());

        assertThat(before).isLessThan(0.3);
        assertThat(after).isGreaterThan(0.89);

        byte[] file = new WeightFile(spec.digest(), Weights.of(network)).encode();
        MultiLayerNetwork copy = spec.newNetwork();
        Weights.load(copy, WeightFile.decode(file, spec.digest(), spec.parameterCount(), file.length).values());

        assertThat(Weights.of(copy)).containsExactly(Weights.of(network));
        assertThat(LocalTraining.accuracy(copy, mnist.test())).isEqualTo(after);
    }
}
