package org.fedledger.adversary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.participant.Conduct;
import org.fedledger.storage.Cid;
import org.fedledger.testing.MemoryContentStore;
import org.fedledger.weights.WeightFile;
import org.fedledger.weights.WeightFileException;
import org.junit.jupiter.api.Test;

/** Bad files: published and pinned like an update, refused by anyone who reads them as the task's model. */
class BadFileTest {
    private static final ModelSpec SPEC = ModelSpecs.get("tabular-mlp:4:3");
    private static final int PARAMS = 515;

    private final MemoryContentStore memory = new MemoryContentStore();
    private final ModelStore models = new ModelStore(memory);
    private final WeightFile update = new WeightFile(SPEC.digest(), SPEC.initialWeights());

    @Test
    void malformedPublishesBytesThatAreNotAWeightFile() throws Exception {
        Cid cid = BadFile.malformed().publish(models, update);

        byte[] published = memory.cat(cid);
        assertThat(new String(published, StandardCharsets.UTF_8)).startsWith("not a weight file: ");
        assertThatThrownBy(() -> WeightFile.decode(published, SPEC.digest(), PARAMS, Long.MAX_VALUE))
                .isInstanceOf(WeightFileException.class);
        ModelStoreException refused = catchThrowableOfType(ModelStoreException.class,
                () -> models.getWeights(cid, SPEC));
        assertThat(refused.kind()).isEqualTo(ModelStoreException.Kind.INVALID);
    }

    @Test
    void oversizePublishesAWeightFileOfTheTasksModelWithFourTimesItsValues() throws Exception {
        Cid cid = BadFile.oversize().publish(models, update);

        WeightFile published = WeightFile.decode(memory.cat(cid), SPEC.digest(), 4 * PARAMS, Long.MAX_VALUE);
        assertThat(Arrays.copyOf(published.values(), PARAMS)).containsExactly(update.values());
        assertThat(Arrays.copyOfRange(published.values(), PARAMS, 4 * PARAMS)).containsOnly(0f);
        assertThatThrownBy(() -> models.getWeights(cid, SPEC)).isInstanceOf(ModelStoreException.class)
                .hasMessage("weight file " + cid + " is malformed: over the 2108 bytes it can have");
    }

    @Test
    void anHonestParticipantPublishesTheWeightFileItTrained() throws Exception {
        Cid cid = Conduct.HONEST.publish(models, update);

        assertThat(models.getWeights(cid, SPEC)).isEqualTo(update);
    }
}
