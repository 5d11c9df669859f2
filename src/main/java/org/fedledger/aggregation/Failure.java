package org.fedledger.aggregation;

import static java.util.Objects.requireNonNull;

/**
 * A participant that revealed but whose update cannot be (or was not) used, with the reason:
 * a missing or unavailable file, a CID mismatch, a malformed file, the wrong shape, values that
 * are not finite, or an update the rule rejected. Failures are data: they go to the aggregation
 * rule beside the updates, and every one ends up in the outcome with weight 0.
 *
 * @param participant the participant's address (any case; stored lower-case)
 * @param reason what went wrong, one line
 */
public record Failure(String participant, String reason) {
    public Failure {
        participant = Addresses.normalise(participant);
        requireNonNull(reason, "reason == null");
        reason = reason.strip().replaceAll("\\s*\\R\\s*", " ");
        if (reason.isEmpty()) {
            throw new IllegalArgumentException("reason is blank");
        }
    }
}
