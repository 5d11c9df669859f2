package org.fedledger.storage;

import static java.util.Objects.requireNonNull;

/**
 * Bytes and their CID disagree: the node stored content under a CID other than the one computed
 * locally, or returned bytes that do not hash to the CID that was asked for. Such bytes are
 * never handed to the caller.
 */
public final class ContentVerificationException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final transient Cid expected;
    private final transient Cid actual;

    /**
     * @param what     what was being verified, e.g. {@code "cat from http://127.0.0.1:5001"}
     * @param expected the CID the content should have
     * @param actual   the CID the node reported, or that the received bytes hash to
     */
    public ContentVerificationException(String what, Cid expected, Cid actual) {
        super(requireNonNull(what, "what == null") + ": expected CID "
                + requireNonNull(expected, "expected == null") + " but got "
                + requireNonNull(actual, "actual == null"));
        this.expected = expected;
        this.actual = actual;
    }

    public Cid expected() {
        return expected;
    }

    public Cid actual() {
        return actual;
    }
}
