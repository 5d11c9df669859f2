package org.fedledger.model;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fedledger.weights.WeightFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model spec: the DL4J network configuration, as JSON, that a task names by CID and every
 * participant builds the same network from. The UTF-8 bytes of {@code json} are the spec: they
 * are what goes to IPFS and what {@link #digest()} hashes, so a spec is never re-serialised
 * from a network (training changes counters in the configuration). The seed in the JSON fixes
 * the initial weights. The constructor checks that the JSON is a float32 network that takes
 * rows of features and ends in an output layer, the only kind {@link LocalTraining} and the
 * weight file format handle; {@link #parameterCount()}, {@link #featureCount()} and
 * {@link #classCount()} derive from it.
 *
 * @param name what the spec is called, e.g. {@code mlp} from {@link ModelSpecs}, or the CID it
 *     was read from
 * @param json a DL4J {@code MultiLayerConfiguration} as JSON
 */
public record ModelSpec(String name, String json) {
    /** The most parameters a spec may have: the largest weight file an array can hold. */
    public static final int MAX_PARAMETERS = (Integer.MAX_VALUE - 8 - 48) / Float.BYTES;

    public ModelSpec {
        requireNonNull(name, "name == null");
        requireNonNull(json, "json == null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
        Shape.of(json);
    }

    /** Returns the spec of {@code configuration}, with line ends that do not depend on the OS. */
    public static ModelSpec of(String name, MultiLayerConfiguration configuration) {
        requireNonNull(configuration, "configuration == null");
        return new ModelSpec(name, configuration.toJson().replace("\r\n", "\n"));
    }

    /** Returns the number of parameters, and so of values in the model's weight files. */
    public int parameterCount() {
        return Shape.of(json).parameters();
    }

    /** Returns the number of floats in one input row. */
    public int featureCount() {
        return Shape.of(json).features();
    }

    /** Returns the number of classes the network tells apart. */
    public int classCount() {
        return Shape.of(json).classes();
    }

    /** Returns the spec's bytes: its JSON in UTF-8. */
    public byte[] bytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the SHA-256 of {@link #bytes()}, the digest that the model's weight files carry. */
    public byte[] digest() {
        return WeightFile.specDigestOf(bytes());
    }

    /** Builds the network, with the initial weights that the spec's seed gives. */
    public MultiLayerNetwork newNetwork() {
        return Networks.fromSpec(json);
    }

    /** Returns the initial weights: those of a freshly built network, the same on every run. */
    public float[] initialWeights() {
        return Weights.of(newNetwork());
    }

    /**
     * Builds the network and feeds it one row of zeros, to vet a spec from elsewhere: DL4J
     * builds networks whose layers do not fit together and fails only when data flows.
     *
     * @throws IllegalArgumentException {@code "does not run: <DL4J's reason>"}, one line
     */
    public void checkRuns() {
        long[] shape;
        try {
            shape = newNetwork().output(Nd4j.zeros(DataType.FLOAT, 1, featureCount())).shape();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("does not run: " + firstLine(e), e);
        }
        if (!Arrays.equals(shape, new long[] {1, classCount()})) {
            throw new IllegalArgumentException("does not run: a row gives output of shape " + Arrays.toString(shape)
                    + ", expected [1, " + classCount() + "]");
        }
    }

    @Override
    public String toString() {
        return "ModelSpec[" + name + ", " + parameterCount() + " parameters, " + featureCount() + " features, "
                + classCount() + " classes, digest " + HexFormat.of().formatHex(digest(), 0, 4) + "...]";
    }

    /** DL4J's messages run over many lines and may quote the whole JSON. */
    private static String firstLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end).strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    /**
     * What the JSON says about the network. Derived on demand rather than stored, so that a
     * spec is just its name and bytes; parsing the JSON of a small network takes well under a
     * millisecond.
     */
    private record Shape(int parameters, int features, int classes) {
        static Shape of(String json) {
            try {
                return derive(MultiLayerConfiguration.fromJson(json));
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a usable DL4J MultiLayerConfiguration: " + firstLine(e), e);
            }
        }

        private static Shape derive(MultiLayerConfiguration configuration) {
            if (configuration == null || configuration.getConfs() == null || configuration.getConfs().isEmpty()) {
                throw new IllegalArgumentException("configuration has no layers");
            }
            if (configuration.getDataType() != DataType.FLOAT) {
                throw new IllegalArgumentException("network data type is " + configuration.getDataType()
                        + "; weight files hold FLOAT");
            }
            long parameters = 0;
            for (NeuralNetConfiguration layer : configuration.getConfs()) {
                if (layer == null || layer.getLayer() == null) {
                    throw new IllegalArgumentException("configuration has an empty layer");
                }
                long count = layer.getLayer().initializer().numParams(layer);
                if (count < 0 || count > MAX_PARAMETERS - parameters) {
                    throw new IllegalArgumentException("more than " + MAX_PARAMETERS + " parameters");
                }
                parameters += count;
            }
            if (parameters < 1) {
                throw new IllegalArgumentException("network has no parameters");
            }
            return new Shape((int) parameters, features(configuration), classes(configuration));
        }

        private static int features(MultiLayerConfiguration configuration) {
            long features;
            if (configuration.getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor image) {
                features = Math.multiplyExact(Math.multiplyExact(image.getInputHeight(), image.getInputWidth()),
                        image.getNumChannels());
            } else if (configuration.getInputPreProcess(0) == null
                    && configuration.getConf(0).getLayer() instanceof FeedForwardLayer first
                    && takesRows(first)) {
                features = first.getNIn();
            } else {
                throw new IllegalArgumentException("first layer does not take rows of features");
            }
            if (features < 1 || features > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("input of " + features + " features");
            }
            return (int) features;
        }

        /** Whether DL4J accepts 2-d input for the layer: a convolution layer, say, does not. */
        private static boolean takesRows(FeedForwardLayer layer) {
            try {
                layer.getOutputType(0, InputType.feedForward(Math.max(1, layer.getNIn())));
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        private static int classes(MultiLayerConfiguration configuration) {
            int last = configuration.getConfs().size() - 1;
            if (!(configuration.getConf(last).getLayer() instanceof BaseOutputLayer output)) {
                throw new IllegalArgumentException("last layer is not an output layer");
            }
            if (output.getNOut() < 2 || output.getNOut() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("output of " + output.getNOut() + " classes");
            }
            return (int) output.getNOut();
        }
    }
}
