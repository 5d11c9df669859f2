package org.fedledger.chain;

/**
 * No FedLedger task lives at an address: there is no contract there at all, or the contract
 * there does not answer a task's {@code rules()} and {@code metadata()} views. Callers word the
 * message for their user; {@link #contractThere()} tells the two cases apart.
 */
public final class NotATaskException extends ChainException {
    private static final long serialVersionUID = 1L;

    private final boolean contractThere;

    NotATaskException(String address, boolean contractThere, Throwable cause) {
        super("no FedLedger task at " + address + (contractThere ? " (the contract there is not a task)" : ""), cause);
        this.contractThere = contractThere;
    }

    /** Whether some other contract lives at the address (false: no code at all). */
    public boolean contractThere() {
        return contractThere;
    }
}
