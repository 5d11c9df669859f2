package org.fedledger.aggregation;

import java.util.List;
import java.util.Objects;

/**
 * The math of one aggregation rule, behind the checks every rule shares ({@link ScreenedRule}):
 * a pure function of the global weights and usable updates.
 */
interface Combiner {
    /**
     * Combines the updates into new weights.
     *
     * @param global the global weights, finite
     * @param updates at least one, sorted by address, of the global shape, with samples, and
     *     finite unless {@link #checksValues()}
     * @return the new weights, the updates this rule rejects (with reasons) and those it leaves out
     */
    Combined combine(float[] global, List<Update> updates);

    /**
     * Whether {@link #combine} may be given updates not yet checked for NaN and infinite values,
     * because it meets every value anyway and then throws {@link Sums.NonFiniteInput}; the rule
     * drops the bad updates and combines again. This saves FedAvg a pass over all the input,
     * which would double its time. By default the rule checks the updates first.
     */
    default boolean checksValues() {
        return false;
    }

    /** The canonical parameter text, empty if the rule has none. */
    String params();

    /**
     * New weights, the updates the rule rejected as invalid, and the valid updates it left out
     * of the average (Multi-Krum's unselected ones); the others are accepted with their weight.
     * Rejection is slashable on chain, so it is kept for updates that break a rule every honest
     * participant can keep; leaving out an update that is merely far from the others (an honest
     * participant with unusual data may be) only costs it the round's reward.
     */
    record Combined(float[] weights, List<Failure> rejected, List<String> leftOut) {
        public Combined {
            Objects.requireNonNull(weights, "weights == null");
            rejected = List.copyOf(rejected);
            leftOut = List.copyOf(leftOut);
        }

        Combined(float[] weights, List<Failure> rejected) {
            this(weights, rejected, List.of());
        }
    }
}
