package org.fedledger.localnet;

/**
 * A local service (the Ganache devnet or the IPFS node) could not be started, reached or
 * stopped. The message is one line that names the service and says what to do.
 */
public final class LocalnetException extends Exception {
    private static final long serialVersionUID = 1L;

    public LocalnetException(String message) {
        super(message);
    }

    public LocalnetException(String message, Throwable cause) {
        super(message, cause);
    }
}
