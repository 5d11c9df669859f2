package org.fedledger.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fedledger.data.DataSets;
import org.fedledger.data.Split;
import org.junit.jupiter.api.Test;

/**
 * The shipped CNN trains through {@link LocalTraining} on the same flat 784-float rows as the
 * MLP: one epoch over the 8,334 training digits, about 10 s on one thread.
 */
class CnnLearnsMnistTest {
    @Test
    void cnnLearnsMnistInOneEpochOnOneThread() throws Exception {
        Split mnist = DataSets.load("mnist");
        MultiLayerNetwork cnn = ModelSpecs.get("cnn").newNetwork();
        double before = LocalTraining.accuracy(cnn, mnist.test());

        LocalTraining.fit(cnn, mnist.train(), 1, 32, 1);

        assertThat(before).isLessThan(0.3);
        assertThat(LocalTraining.accuracy(cnn, mnist.test())).isGreaterThan(0.9);
    }
}
