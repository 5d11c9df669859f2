package org.fedledger.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fedledger.data.DataSets;
import org.fedledger.data.Split;
import org.junit.jupiter.api.Test;

/** DL4J wired in: an MLP built from its JSON spec learns the real MNIST digits on one thread. */
class MlpLearnsMnistTest {
    @Test
    void mlpFromItsSpecLearnsMnistAndItsWeightsRoundTripBitExactly() throws Exception {
        Split mnist = DataSets.load("mnist");
        String spec = Networks.mlp(784, 64, 10, 1e-3, 7).toJson();
        MultiLayerNetwork network = Networks.fromSpec(spec);
        double before = LocalTraining.accuracy(network, mnist.test());

        LocalTraining.fit(network, mnist.train(), 2, 64, 1);
        double after = LocalTraining.accuracy(network, mnist.test());

        assertThat(before).isLessThan(0.3);
        assertThat(after).isGreaterThan(0.88);

        float[] weights = network.params().toFloatVector();
        ByteBuffer bytes = ByteBuffer.allocate(weights.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(weights);
        MultiLayerNetwork copy = Networks.fromSpec(spec);
        float[] read = new float[weights.length];
        ByteBuffer.wrap(bytes.array()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(read);
        copy.setParams(org.nd4j.linalg.factory.Nd4j.create(read, new long[] {1, read.length}, 'c'));

        assertThat(copy.params().toFloatVector()).containsExactly(weights);
        assertThat(LocalTraining.accuracy(copy, mnist.test())).isEqualTo(after);
    }

    @Test
    void sameSpecGivesTheSameInitialWeights() {
        String spec = Networks.mlp(784, 32, 10, 1e-3, 11).toJson();
        assertThat(Networks.fromSpec(spec).params().toFloatVector())
                .containsExactly(Networks.fromSpec(spec).params().toFloatVector());
    }
}
