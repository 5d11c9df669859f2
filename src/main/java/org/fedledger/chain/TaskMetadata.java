package org.fedledger.chain;

import java.util.Objects;
import org.fedledger.storage.Cid;

/**
 * What a task is created with besides its rules (Solidity {@code TaskMetadata}): the model spec,
 * the initial model, the validation set and the aggregation parameters (the task's policy line).
 */
public record TaskMetadata(Cid modelSpec, Cid initialModel, Cid validationSet, byte[] aggregationParams) {
    public TaskMetadata {
        Objects.requireNonNull(modelSpec, "modelSpec == null");
        Objects.requireNonNull(initialModel, "initialModel == null");
        aggregationParams = aggregationParams == null ? new byte[0] : aggregationParams.clone();
    }

    @Override
    public byte[] aggregationParams() {
        return aggregationParams.clone();
    }
}
