package org.fedledger.model;

import static java.util.Objects.requireNonNull;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place a network's parameters become a {@code float[]} and back, in DL4J's own order
 * (layer by layer, each layer's weights then biases), the order of a weight file's values.
 * Both directions copy every bit, negative zeros and subnormals included, so weights read from
 * a weight file and written out again give the same file.
 */
public final class Weights {
    private Weights() {}

    /** Returns a copy of the network's parameters. */
    public static float[] of(MultiLayerNetwork network) {
        requireNonNull(network, "network == null");
        return network.params().toFloatVector();
    }

    /**
     * Sets the network's parameters to {@code values}. The updater's state (Adam's moment
     * estimates) stays as it is.
     */
    public static void load(MultiLayerNetwork network, float[] values) {
        requireNonNull(network, "network == null");
        requireNonNull(values, "values == null");
        if (network.params().dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("network holds " + network.params().dataType() + ", not FLOAT");
        }
        if (values.length != network.numParams()) {
            throw new IllegalArgumentException("network has " + network.numParams() + " parameters, not "
                    + values.length);
        }
        network.setParams(Nd4j.create(values, new long[] {1, values.length}, 'c'));
    }
}
