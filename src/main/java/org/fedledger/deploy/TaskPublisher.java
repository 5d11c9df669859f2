package org.fedledger.deploy;

import java.math.BigInteger;
import java.util.Objects;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskContracts;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskRules;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;
import org.fedledger.task.TaskPolicy;
import org.fedledger.weights.WeightFile;

/**
 * The task creator's side: puts a model spec and its initial weights on IPFS (pinned) and
 * creates a task naming them, with its {@link TaskPolicy} (the aggregation rule's id in the
 * rules, the policy text in the metadata), funded with a reward pool.
 */
public final class TaskPublisher {
    private final TaskContracts contracts;
    private final ModelStore models;

    public TaskPublisher(TaskContracts contracts, ModelStore models) {
        this.contracts = Objects.requireNonNull(contracts, "contracts == null");
        this.models = Objects.requireNonNull(models, "models == null");
    }

    /** A created task and the content it names. */
    public record Published(String task, Cid modelSpec, Cid initialModel) {}

    /**
     * Publishes {@code spec} and its initial weights and creates a task with {@code terms} (its
     * aggregation rule replaced by {@code policy}'s id) and {@code policy} in {@code factory},
     * funded with {@code rewardPool} of the terms' token from the creator.
     */
    public Published publish(String factory, TaskRules terms, ModelSpec spec, TaskPolicy policy,
                             BigInteger rewardPool) throws ChainException, ModelStoreException {
        Cid specCid = models.putSpec(spec);
        Cid initial = models.putWeights(new WeightFile(spec.digest(), spec.initialWeights()));
        String task = contracts.createTask(factory, terms.toBuilder().aggregationRule(policy.ruleId()).build(),
                new TaskMetadata(specCid, initial, null, policy.aggregationParams()), rewardPool);
        return new Published(task, specCid, initial);
    }
}
