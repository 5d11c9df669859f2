package org.fedledger.storage;

/**
 * Content-addressed storage as participants use it: put model weights in, get the CID that goes
 * on chain, and fetch weights by CID. Implementations verify every byte against
 * {@link CidCalculator}, so a caller either gets exactly the content its CID names or a
 * {@link ContentVerificationException}; callers need not hash again. What they add they also
 * pin, in the same call, so a put is one round trip to the node.
 */
public interface ContentStore {
    /**
     * Stores and pins {@code content} and returns its CID, which is checked to equal
     * {@link CidCalculator#of(byte[])}. Implementations must pin: callers do not pin again.
     *
     * @throws ContentVerificationException if the store reports another CID
     */
    Cid add(byte[] content) throws StorageException;

    /**
     * Returns the content that {@code cid} names, after checking that it hashes to {@code cid}.
     * The caller must not modify the array: a {@link CachingContentStore} hands the same one to
     * every reader of {@code cid}.
     *
     * @throws ContentVerificationException if the bytes received hash to another CID
     */
    byte[] cat(Cid cid) throws StorageException;

    /**
     * As {@link #cat(Cid)}, for content that cannot be longer than {@code maxBytes}: a store
     * stops reading at the limit, so a file padded to a gigabyte costs the reader no more than
     * the bytes it expected.
     *
     * @throws ContentTooLargeException if the content is longer than {@code maxBytes}
     */
    default byte[] cat(Cid cid, long maxBytes) throws StorageException {
        byte[] content = cat(cid);
        if (content.length > maxBytes) {
            throw new ContentTooLargeException(cid + " has " + content.length + " bytes, over the limit of "
                    + maxBytes, maxBytes, null);
        }
        return content;
    }

    /** Keeps {@code cid} and its blocks from garbage collection, fetching them if needed. */
    void pin(Cid cid) throws StorageException;

    /** Returns the version of the store's software, for diagnostics. */
    String version() throws StorageException;
}
