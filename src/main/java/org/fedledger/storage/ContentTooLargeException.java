package org.fedledger.storage;

/**
 * Content is larger than the caller said it could be, so it was not read to the end. IPFS
 * nodes check every block they fetch against its hash, so the size of a CID's content is a
 * fact about the CID, not about the node that served it.
 */
public final class ContentTooLargeException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    public ContentTooLargeException(String message, long limit, Throwable cause) {
        super(message, cause);
        this.limit = limit;
    }

    /** The number of bytes the content exceeds. */
    public long limit() {
        return limit;
    }
}
