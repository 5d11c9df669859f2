package org.fedledger.task;

import java.math.BigInteger;

/** The contract's {@code RoundStatus}, in its ABI order. */
enum RoundStatus {
    NONE, FINALIZED, FAILED_NO_COMMITS, FAILED_NO_REVEALS, FAILED_NO_QUORUM;

    static RoundStatus of(BigInteger value) {
        return values()[value.intValueExact()];
    }

    BigInteger abi() {
        return BigInteger.valueOf(ordinal());
    }
}
