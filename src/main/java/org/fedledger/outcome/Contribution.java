package org.fedledger.outcome;

import java.math.BigInteger;
import java.util.Objects;
import org.web3j.utils.Numeric;

/**
 * One participant's line in a round's outcome: whether the aggregation rule accepted its
 * update and its integer contribution weight, which sets its share of the round's reward.
 *
 * @param participant the participant's address (any case; stored lower-case)
 * @param accepted whether the rule accepted the update
 * @param weight contribution weight, 0 for a rejected update
 */
public record Contribution(String participant, boolean accepted, BigInteger weight) {
    public Contribution {
        Objects.requireNonNull(participant, "participant == null");
        Objects.requireNonNull(weight, "weight == null");
        if (!participant.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not an address: " + participant);
        }
        if (weight.signum() < 0 || weight.bitLength() > 256) {
            throw new IllegalArgumentException("weight must fit uint256: " + weight);
        }
        participant = participant.toLowerCase();
    }

    public Contribution(String participant, boolean accepted, long weight) {
        this(participant, accepted, BigInteger.valueOf(weight));
    }

    /** The address as 20 bytes, for ordering and hashing. */
    byte[] addressBytes() {
        return Numeric.hexStringToByteArray(participant);
    }
}
