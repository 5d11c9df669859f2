package org.fedledger.aggregation;

import java.util.List;
import java.util.Optional;
import org.fedledger.privacy.DpPolicy;

/**
 * How a round's updates become the new global model: the strategy a task names (as in Flower's
 * {@code Strategy}). The round loop around it is fixed; a rule receives the current global
 * weights, the revealed updates and the participants that failed, and decides by rule which
 * updates to accept, what the new weights are and what each participant's contribution weighs.
 *
 * <p>Rules are deterministic to the bit on every JVM: the result depends only on the inputs'
 * values, not on their order in the lists, the JIT or the number of cores. {@link
 * AggregationRules} makes them from a task's rule id and parameters or from a spec string.
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
     * The parameters as the task contract stores them: the UTF-8 bytes of the {@link TaskPolicy}
     * text, which is the rule's parameter text alone unless the rule carries a privacy policy.
     */
    byte[] params();

    /**
     * The task's client-level differential-privacy policy, if it has one: participants privatize
     * their updates with it, and the rule rejects updates longer than its
     * {@link org.fedledger.privacy.StepBound} and scores accepted ones by sample count alone.
     */
    default Optional<DpPolicy> privacy() {
        return Optional.empty();
    }

    /**
     * Whether the task's updates and aggregates go to IPFS encrypted for its participants
     * ({@code encrypt=aes-256-gcm} in the {@link TaskPolicy}); the rule itself aggregates the
     * decrypted weights as in any task.
     */
    default boolean encrypted() {
        return false;
    }

    /** The spec string, {@code name} or {@code name:params}, e.g. {@code multi-krum:f=1,m=3}. */
    String spec();
}
