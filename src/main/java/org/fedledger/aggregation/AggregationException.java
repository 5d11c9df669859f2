package org.fedledger.aggregation;

/**
 * A task names an aggregation rule this participant cannot run: an unknown rule id, or
 * parameters that are not valid for the rule. The message is one line that says which and why.
 * Aggregation itself never throws it: bad updates are {@link Failure}s, not exceptions.
 */
public final class AggregationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AggregationException(String message) {
        super(message);
    }
}
