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
     * @return the new weights and the updates this rule rejects, with reasons
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

    /** New weights and the updates the rule rejected; the others are accepted. */
    record Combined(float[] weights, List<Failure> rejected) {
        public Combined {
            Objects.requireNonNull(weights, "weights == null");
            rejected = List.copyOf(rejected);
        }
    }
}
