package org.fedledger.adversary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.fedledger.data.Dataset;
import org.fedledger.participant.Trainer;
import org.junit.jupiter.api.Test;

/** The scaled update: the global model moved by a multiple of the honest step, nothing else. */
class ScaledUpdateTest {
    private static final float[] GLOBAL = {1f, -2f, 0.5f, 0f};
    /** Honest steps 0.5, -0.25, 0 and 1: exact in binary, so the expected values are exact too. */
    private static final float[] TRAINED = {1.5f, -2.25f, 0.5f, 1f};
    private static final Dataset DATA = new Dataset("two samples", 2, 3, new float[] {0, 1, 1, 0}, new int[] {0, 2});

    private final List<Object[]> calls = new ArrayList<>();
    private final Trainer honest = (spec, global, data, round) -> {
        calls.add(new Object[] {global, data, round});
        return TRAINED.clone();
    };

    @Test
    void signFlipSubmitsTheGlobalModelMovedFourHonestStepsTheOtherWay() {
        float[] update = ScaledUpdate.signFlip(honest).train(null, GLOBAL, DATA, 3);

        assertThat(update).containsExactly(-1f, -1f, 0.5f, -4f);
    }

    @Test
    void boostSubmitsTheGlobalModelMovedTenHonestSteps() {
        float[] update = ScaledUpdate.boost(honest).train(null, GLOBAL, DATA, 3);

        assertThat(update).containsExactly(6f, -4.5f, 0.5f, 10f);
    }

    @Test
    void trainsHonestlyFromTheSameGlobalModelDataAndRoundWithoutChangingTheGlobalModel() {
        float[] global = GLOBAL.clone();

        new ScaledUpdate(honest, 2f).train(null, global, DATA, 5);

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call[0]).isSameAs(global);
            assertThat(call[1]).isSameAs(DATA);
            assertThat(call[2]).isEqualTo(5L);
        });
        assertThat(global).containsExactly(GLOBAL);
    }

    @Test
    void factorsThatAreNoAttackAreRefused() {
        for (float factor : new float[] {0f, 1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatIllegalArgumentException().isThrownBy(() -> new ScaledUpdate(honest, factor))
                    .withMessage("factor must be finite and neither 0 nor 1: " + factor);
        }
    }
}
