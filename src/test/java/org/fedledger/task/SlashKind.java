package org.fedledger.task;

import java.math.BigInteger;

/** The contract's {@code SlashKind}, in its ABI order. */
enum SlashKind {
    NO_REVEAL, REJECTED_UPDATE, WRONG_VOTE, MISSED_ROUNDS;

    BigInteger abi() {
        return BigInteger.valueOf(ordinal());
    }
}
