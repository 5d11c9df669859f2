package org.fedledger.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fedledger.weights.WeightFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The shipped specs: their shapes, their stable bytes and initial weights, and that they run. */
class ModelSpecsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp, 101770, 784, 10", "cnn, 20522, 784, 10", "tabular-mlp:13:3, 1091, 13, 3"})
    void eachSpecHasTheDocumentedShape(String name, int parameters, int features, int classes) {
        ModelSpec spec = ModelSpecs.get(name);

        assertThat(spec.name()).isEqualTo(name);
        assertThat(spec.parameterCount()).isEqualTo(parameters);
        assertThat(spec.featureCount()).isEqualTo(features);
        assertThat(spec.classCount()).isEqualTo(classes);
        assertThat(spec.newNetwork().numParams()).isEqualTo(parameters);
        spec.checkRuns();
    }

    /**
     * The digests pin the JSON bytes. If a DL4J or Jackson upgrade changes them, the shipped
     * specs get new CIDs: tasks already published keep their own bytes, but say so in the notes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mlp, 436799e2e82cd158c60d633e2c8f3f90fde91103731987106e05129dbad4085f",
        "cnn, 167e7330a35657c79987ead690bc90a9ba3e3a4ce1eb430ad89ca2bbba96be54",
        "tabular-mlp:13:3, 73b9cf340b83bb66e15caa5c790df141207f1344a8fe4f658460b71e60eab768"
    })
    void aSpecHasTheSameJsonBytesAndDigestOnEveryBuild(String name, String digest) {
        ModelSpec first = ModelSpecs.get(name);
        ModelSpec second = ModelSpecs.get(name);

        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(first.json()).doesNotContain("\r");
        assertThat(HexFormat.of().formatHex(first.digest())).isEqualTo(digest);
    }

    /** Pinned across JVMs too: any participant can rebuild round 0's weights from the spec. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mlp, 76167a81356c18ec44da509f0e1e0c5a3861158dd3019344b3653d3b5bbd6f94",
        "cnn, 79cd590cf82d1509f198729b5603c269ffa21b9016fed76a1448a002d61fc742"
    })
    void initialWeightsFollowFromTheSpecAlone(String name, String weightFileSha256) {
        ModelSpec spec = ModelSpecs.get(name);
        float[] weights = spec.initialWeights();

        assertThat(ModelSpecs.get(name).initialWeights()).containsExactly(weights);
        byte[] file = new WeightFile(spec.digest(), weights).encode();
        assertThat(HexFormat.of().formatHex(WeightFile.specDigestOf(file))).isEqualTo(weightFileSha256);
    }

    @Test
    void cnnTurnsFlatImageRowsIntoClassProbabilities() {
        MultiLayerNetwork cnn = ModelSpecs.get("cnn").newNetwork();
        INDArray rows = Nd4j.rand(DataType.FLOAT, 3, 784);

        INDArray out = cnn.output(rows);

        assertThat(out.shape()).containsExactly(3, 10);
        assertThat(out.sum(1).toFloatVector()).containsExactly(new float[] {1, 1, 1}, within());
    }

    @Test
    void tabularMlpTurnsCsvRowsIntoClassProbabilities() {
        MultiLayerNetwork mlp = ModelSpecs.get("tabular-mlp:13:3").newNetwork();
        INDArray rows = Nd4j.rand(DataType.FLOAT, 5, 13);

        INDArray out = mlp.output(rows);

        assertThat(out.shape()).containsExactly(5, 3);
        assertThat(out.sum(1).toFloatVector()).containsExactly(new float[] {1, 1, 1, 1, 1}, within());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet", "MLP", "mlp:784", ""})
    void unknownNamesAreRejectedWithTheNamesThatWork(String name) {
        assertThatThrownBy(() -> ModelSpecs.get(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model spec '" + name + "': use mlp, cnn or tabular-mlp:FEATURES:CLASSES");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tabular-mlp", "tabular-mlp:13", "tabular-mlp:13:1", "tabular-mlp:0:3",
        "tabular-mlp:013:3", "tabular-mlp:13:3:1", "tabular-mlp:1000000:3"})
    void malformedTabularNamesAreRejectedWithAnExample(String name) {
        assertThatThrownBy(() -> ModelSpecs.get(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad model spec '" + name + "'")
                .hasMessageEndingWith("e.g. tabular-mlp:13:3");
    }

    private static Offset<Float> within() {
        return Offset.offset(1e-5f);
    }
}
