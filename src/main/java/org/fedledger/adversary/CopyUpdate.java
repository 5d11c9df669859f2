package org.fedledger.adversary;

import java.util.Comparator;
import java.util.List;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskEvents;
import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.participant.Trainer;

/**
 * The copying free rider: does not train and resubmits another participant's revealed update.
 * Commit-reveal hides this round's updates until every commitment is in, so the newest it can
 * copy is one revealed in the previous round (the lowest address other than its own); in round
 * 1, or if nothing can be fetched, it resubmits the global model.
 */
public final class CopyUpdate implements Trainer {
    private final TaskEvents events;
    private final ModelStore models;
    private final String self;

    public CopyUpdate(TaskEvents events, ModelStore models, String self) {
        this.events = events;
        this.models = models;
        this.self = self.toLowerCase();
    }

    @Override
    public float[] train(ModelSpec spec, float[] global, Dataset data, long round) {
        if (round > 1) {
            try {
                List<TaskEvents.Revealed> previous = events.revealed(round - 1);
                TaskEvents.Revealed victim = previous.stream().filter(r -> !r.participant().equals(self))
                        .min(Comparator.comparing(TaskEvents.Revealed::participant)).orElse(null);
                if (victim != null) {
                    return models.getWeights(victim.cid(), spec).values();
                }
            } catch (ChainException | ModelStoreException e) {
                // nothing to copy: fall back to the global model
            }
        }
        return global.clone();
    }

    @Override
    public String toString() {
        return "CopyUpdate";
    }
}
