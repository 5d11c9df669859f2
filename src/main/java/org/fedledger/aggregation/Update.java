package org.fedledger.aggregation;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One participant's revealed update as an aggregation rule sees it: the full model weights after
 * local training (not a delta from the global model) and the number of training samples the
 * participant bonded. Whether the weights have the right shape and are finite is checked by the
 * rule, which turns a bad update into a {@link Failure}, not an exception.
 *
 * <p>The weights array is shared, not copied (it is megabytes): do not modify it after handing it
 * over.
 *
 * @param participant the participant's address (any case; stored lower-case)
 * @param numSamples the training samples the participant bonded, at least 0
 * @param weights the model weights after local training
 */
public record Update(String participant, long numSamples, float[] weights) {
    public Update {
        participant = Addresses.normalise(participant);
        requireNonNull(weights, "weights == null");
        if (numSamples < 0) {
            throw new IllegalArgumentException("numSamples < 0: " + numSamples);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Update other
                && participant.equals(other.participant)
                && numSamples == other.numSamples
                && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return (participant.hashCode() * 31 + Long.hashCode(numSamples)) * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "Update[" + participant + ", " + numSamples + " samples, " + weights.length + " weights]";
    }
}
