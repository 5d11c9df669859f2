package org.fedledger.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fedledger.weights.WeightFile;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** float[] to network parameters and back, bit for bit. */
class WeightsTest {
    private static final ModelSpec SPEC = ModelSpecs.get("tabular-mlp:4:3");

    @Test
    void everyBitOfEveryWeightSurvivesANetwork() {
        float[] values = randomWeights(SPEC.parameterCount(), 1);
        float[] special = {-0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, Float.MIN_NORMAL,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.intBitsToFloat(0x3f800001)};
        System.arraycopy(special, 0, values, 0, special.length);
        MultiLayerNetwork network = SPEC.newNetwork();

        Weights.load(network, values);
        float[] read = Weights.of(network);

        assertThat(bits(read)).containsExactly(bits(values));
        assertThat(new WeightFile(SPEC.digest(), read).encode())
                .isEqualTo(new WeightFile(SPEC.digest(), values).encode());
    }

    @Test
    void networkLoadedWithAnothersWeightsPredictsTheSame() {
        MultiLayerNetwork original = SPEC.newNetwork();
        Weights.load(original, randomWeights(SPEC.parameterCount(), 2));
        MultiLayerNetwork copy = SPEC.newNetwork();
        INDArray rows = Nd4j.rand(DataType.FLOAT, 6, 4);

        Weights.load(copy, Weights.of(original));

        assertThat(copy.output(rows).ravel().toFloatVector())
                .containsExactly(original.output(rows).ravel().toFloatVector());
    }

    @Test
    void weightsAreCopiedInBothDirections() {
        MultiLayerNetwork network = SPEC.newNetwork();
        float[] values = Weights.of(network);
        float before = values[0];

        values[0] = before + 1;
        assertThat(network.params().getFloat(0)).isEqualTo(before);
        Weights.load(network, values);
        values[0] = 42f;

        assertThat(network.params().getFloat(0)).isEqualTo(before + 1);
    }

    @Test
    void wrongNumberOfWeightsIsRejected() {
        MultiLayerNetwork network = SPEC.newNetwork();

        assertThatThrownBy(() -> Weights.load(network, new float[SPEC.parameterCount() - 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network has 515 parameters, not 514");
    }

    private static float[] randomWeights(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
