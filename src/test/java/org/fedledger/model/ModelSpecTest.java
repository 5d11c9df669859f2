package org.fedledger.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.fedledger.weights.WeightFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A spec is JSON DL4J can build a float32, row-in, class-scores-out network from. */
class ModelSpecTest {
    @Test
    void specIsTheConfigurationsJsonAndItsDigestIsThatOfTheBytes() {
        MultiLayerConfiguration configuration = Networks.mlp(4, 8, 3, 1e-3, 5);

        ModelSpec spec = ModelSpec.of("small", configuration);

        assertThat(spec.json()).isEqualTo(configuration.toJson().replace("\r\n", "\n"));
        assertThat(spec.digest()).isEqualTo(WeightFile.specDigestOf(spec.json()));
        assertThat(spec.parameterCount()).isEqualTo(4 * 8 + 8 + 8 * 3 + 3);
        assertThat(spec.toString()).startsWith("ModelSpec[small, 67 parameters, 4 features, 3 classes, digest ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"confs\": 7}"})
    void textThatIsNotAConfigurationIsRejectedInOneLine(String json) {
        assertThatThrownBy(() -> new ModelSpec("x", json))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("\n");
    }

    @Test
    void doublePrecisionNetworkIsRejectedBecauseWeightFilesHoldFloats() {
        String json = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(output(4, 3)).build().toJson();

        assertThatThrownBy(() -> new ModelSpec("x", json))
                .hasMessage("network data type is DOUBLE; weight files hold FLOAT");
    }

    @Test
    void networkThatDoesNotEndInAnOutputLayerIsRejected() {
        String json = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).build()).build().toJson();

        assertThatThrownBy(() -> new ModelSpec("x", json)).hasMessage("last layer is not an output layer");
    }

    @Test
    void convolutionWithoutAFlatInputTypeIsRejectedForNotTakingRows() {
        String json = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(2).build())
                .layer(output(2, 3)).build().toJson();

        assertThatThrownBy(() -> new ModelSpec("x", json)).hasMessage("first layer does not take rows of features");
    }

    @Test
    void blankNameIsRejected() {
        String json = ModelSpecs.get("tabular-mlp:4:3").json();

        assertThatThrownBy(() -> new ModelSpec(" ", json)).hasMessage("name is blank");
    }

    private static OutputLayer output(int inputs, int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(inputs).nOut(classes).build();
    }
}
