package org.fedledger.participant;

import org.fedledger.aggregation.AggregationRule;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.task.TaskPolicy;
import org.fedledger.task.TaskPolicyException;

/**
 * What a participant reads once about its task before the first round: the rules and metadata
 * fixed at creation, the model they name, the aggregation rule, the differential-privacy budget
 * it applies (null: none) and the views its weight files go through. Checked against the
 * participant's data: a task whose model does not fit the data is refused here.
 */
record LoadedTask(TaskRules rules, TaskMetadata metadata, ModelSpec spec, AggregationRule rule, PrivacyBudget privacy,
                  Sealing sealing) {

    static LoadedTask load(TaskPort task, ModelStore models, Dataset data) throws ParticipantException {
        TaskRules rules;
        TaskMetadata metadata;
        try {
            rules = task.rules();
            metadata = task.metadata();
        } catch (ContractRevertException e) {
            throw new ParticipantException("no FedLedger task at " + task.address() + " (" + e.getMessage()
                    + "): check the task address", e);
        } catch (ChainException e) {
            throw new ParticipantException("cannot read task " + task.address() + ": " + e.getMessage(), e);
        }
        ModelSpec spec;
        try {
            spec = models.getSpec(metadata.modelSpec());
        } catch (ModelStoreException e) {
            throw new ParticipantException("cannot use the task's model: " + e.getMessage(), e);
        }
        if (spec.featureCount() != data.featureCount() || spec.classCount() != data.numClasses()) {
            throw new ParticipantException("the task's model takes " + spec.featureCount() + " features and "
                    + spec.classCount() + " classes, but the data set " + data.name() + " has " + data.featureCount()
                    + " features and " + data.numClasses() + " classes: use data that fits the task");
        }
        if (data.size() == 0) {
            throw new ParticipantException("the data set " + data.name() + " is empty: nothing to train on");
        }
        TaskPolicy policy;
        try {
            policy = TaskPolicy.decode(rules.aggregationRule(), metadata.aggregationParams());
        } catch (TaskPolicyException e) {
            throw new ParticipantException("cannot take part in task " + task.address() + ": " + e.getMessage(), e);
        }
        AggregationRule rule = policy.rule();
        PrivacyBudget privacy = policy.privacy().map(PrivacyBudget::new).orElse(null);
        if (privacy != null && privacy.roundsWithinBudget() == 0) {
            throw new ParticipantException("task " + task.address() + "'s privacy budget (epsilon "
                    + privacy.policy().epsilonBudget() + ") does not cover a single update: nothing can be published");
        }
        Sealing sealing;
        try {
            sealing = task.sealing(models, policy.encrypted(), metadata.initialModel());
        } catch (ChainException e) {
            throw new ParticipantException("cannot read task " + task.address() + ": " + e.getMessage(), e);
        }
        return new LoadedTask(rules, metadata, spec, rule, privacy, sealing);
    }

    /** The samples this participant bonds and trains on: its data, up to the task's cap. */
    long numSamples(Dataset data) {
        return Math.min(data.size(), rules.sampleCap());
    }
}
