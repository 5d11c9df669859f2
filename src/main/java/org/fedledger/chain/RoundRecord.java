package org.fedledger.chain;

import java.math.BigInteger;

/**
 * How a round ended, as the task records it (Solidity {@code RoundRecord}): the weights root the
 * quorum finalized, the reward and total weight it splits, and the winning outcome's ordinal.
 */
public record RoundRecord(Status status, byte[] weightsRoot, BigInteger reward, BigInteger totalWeight, long endedAt,
                          long winningOrdinal) {

    /** Solidity {@code RoundStatus}: NONE while the round runs (or never ran). */
    public enum Status { NONE, FINALIZED, FAILED_NO_COMMITS, FAILED_NO_REVEALS, FAILED_NO_QUORUM }

    public RoundRecord {
        weightsRoot = weightsRoot.clone();
    }

    @Override
    public byte[] weightsRoot() {
        return weightsRoot.clone();
    }

    public boolean finalized() {
        return status == Status.FINALIZED;
    }

    public boolean ended() {
        return status != Status.NONE;
    }
}
