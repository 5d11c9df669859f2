package org.fedledger.aggregation;

import java.util.List;

/**
 * How a round's updates become the new global model: the strategy a task names (as in Flower's
 * {@code Strategy}). The round loop around it is fixed; a rule receives the current global
 * weights, the revealed updates and the participants that failed, and decides by rule which
 * updates to accept, what the new weights are and what each participant's contribution weighs.
 *
 * <p>Rules are deterministic to the bit on every JVM: the result depends only on the inputs'
 * values, not on their order in the lists, the JIT or the number of cores. {@link
 * AggregationRules} makes them from a task's rule id and parameters or from a spec string. A
 * rule only aggregates: what else a task asks of its participants (differential privacy,
 * encrypted files) is the task's policy, which builds the rule it aggregates with.
 */
public interface AggregationRule {
    /**
     * Aggregates one round. Updates whose weights have another length than {@code globalWeights},
     * hold a NaN or infinite value, or report no samples become failures; with no usable update
     * left, the new weights equal the global ones and every participant is rejected.
     *
     * @param globalWeights the global model the round started from, all finite
     * @param updates the revealed updates, in any order
     * @param failures participants that revealed but whose update could not be used
     * @return the new weights and a contribution for every participant in either list
     * @throws IllegalArgumentException if a participant appears twice across both lists or the
     *     global weights are not finite
     */
    Aggregate aggregate(float[] globalWeights, List<Update> updates, List<Failure> failures);

    /** The id the task contract stores for this rule (a small positive int). */
    int ruleId();

    /**
     * The rule's parameter text, e.g. {@code f=1,m=3}, or empty for a rule without parameters:
     * what a task stores on the first line of its policy (see {@link AggregationRules}).
     */
    String params();

    /** The spec string, {@code name} or {@code name:params}, e.g. {@code multi-krum:f=1,m=3}. */
    String spec();
}
