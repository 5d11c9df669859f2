package org.fedledger.privacy;

/**
 * A differential-privacy guarantee as the accountant reports it: the mechanisms composed so far
 * are {@code (epsilon, delta)}-DP. The order is the Rényi order at which the conversion from RDP
 * was tightest; an optimum at the first or last order of the grid hints that a wider grid would
 * give a smaller epsilon.
 *
 * @param epsilon at least 0; {@code +Infinity} when nothing bounds the loss (e.g. no noise)
 * @param delta in (0, 1)
 * @param order the optimal Rényi order, or NaN when epsilon is infinite
 */
public record PrivacySpent(double epsilon, double delta, double order) {
    public PrivacySpent {
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be at least 0: " + epsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1): " + delta);
        }
    }
}
