package org.fedledger.chain;

/** Where a task is in its life, in the contract's order (Solidity {@code Phase}). */
public enum TaskPhase {
    NONE, REGISTRATION, COMMIT, REVEAL, VOTE, COMPLETED;

    static TaskPhase of(java.math.BigInteger ordinal) {
        return values()[ordinal.intValueExact()];
    }
}
