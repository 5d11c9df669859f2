package org.fedledger.chain;

/**
 * An Ethereum node could not be reached, answered for the wrong chain, or refused a
 * transaction. The message is one line naming the RPC URL or the contract error.
 */
public sealed class ChainException extends Exception permits NotATaskException {
    private static final long serialVersionUID = 1L;

    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
