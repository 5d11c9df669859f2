package org.fedledger.storage;

/**
 * Content could not be stored in or fetched from IPFS: the node is unreachable, answered with
 * an error or with something malformed, or the bytes did not match their CID. The message is
 * one line that names the node and, where it can, says what to do.
 */
public class StorageException extends Exception {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
