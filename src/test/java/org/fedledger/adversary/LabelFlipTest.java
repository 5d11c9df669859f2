package org.fedledger.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fedledger.data.Dataset;
import org.fedledger.participant.Trainer;
import org.junit.jupiter.api.Test;

/** Label flipping: honest training on the participant's own features with mirrored labels. */
class LabelFlipTest {
    private static final float[] FEATURES = {0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f};
    private static final Dataset DATA = new Dataset("mine", 2, 10, FEATURES.clone(), new int[] {0, 1, 4, 5, 8, 9});
    private static final float[] TRAINED = {42f, -1f};

    private final List<Dataset> trainedOn = new ArrayList<>();
    private final Trainer honest = (spec, global, data, round) -> {
        trainedOn.add(data);
        return TRAINED.clone();
    };

    @Test
    void trainsTheHonestTrainerOnTheSameFeaturesWithEveryLabelCReplacedByClassesMinusOneMinusC() {
        float[] update = new LabelFlip(honest).train(null, new float[] {0f, 0f}, DATA, 1);

        assertThat(update).containsExactly(TRAINED);
        assertThat(trainedOn).singleElement().satisfies(flipped -> {
            assertThat(flipped.labels()).containsExactly(9, 8, 5, 4, 1, 0);
            assertThat(flipped.features()).containsExactly(FEATURES);
            assertThat(flipped.featureCount()).isEqualTo(2);
            assertThat(flipped.numClasses()).isEqualTo(10);
        });
    }

    @Test
    void leavesTheParticipantsOwnDataAsItWas() {
        new LabelFlip(honest).train(null, new float[] {0f, 0f}, DATA, 1);

        assertThat(DATA.labels()).containsExactly(0, 1, 4, 5, 8, 9);
    }

    @Test
    void withAnOddNumberOfClassesTheMiddleClassKeepsItsLabel() {
        Dataset three = new Dataset("three classes", 1, 3, new float[] {0f, 0f, 0f}, new int[] {0, 1, 2});

        assertThat(LabelFlip.flipped(three).labels()).containsExactly(2, 1, 0);
    }
}
