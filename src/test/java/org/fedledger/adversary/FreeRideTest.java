package org.fedledger.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import org.fedledger.data.Dataset;
import org.junit.jupiter.api.Test;

/** The free rider submits the global model it was given, unchanged. */
class FreeRideTest {
    @Test
    void submitsAnEqualCopyOfTheGlobalModelWhateverItsData() {
        float[] global = {0.25f, -1f, 3f};
        Dataset data = new Dataset("mine", 1, 2, new float[] {1f, 2f}, new int[] {0, 1});

        float[] update = new FreeRide().train(null, global, data, 4);

        assertThat(update).containsExactly(0.25f, -1f, 3f).isNotSameAs(global);
        update[0] = 9f;
        assertThat(global[0]).as("the copy is its own").isEqualTo(0.25f);
    }
}
