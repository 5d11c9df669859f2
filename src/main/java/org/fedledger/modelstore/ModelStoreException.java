package org.fedledger.modelstore;

import static java.util.Objects.requireNonNull;

/**
 * A model spec or weight file could not be stored or read. {@link #kind()} says whose fault it
 * is: the storage's ({@link Kind#UNAVAILABLE}, worth a retry) or the content's
 * ({@link Kind#CID_MISMATCH}, {@link Kind#INVALID}), which a participant records as a bad
 * update rather than an outage. The message is one line that names the CID where there is one,
 * e.g. {@code "weight file bafk... is malformed: value 17 is NaN"}.
 */
public final class ModelStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why an operation failed. */
    public enum Kind {
        /** IPFS could not be reached or failed; the content may be fine. */
        UNAVAILABLE,
        /** The bytes received are not the ones the CID names. */
        CID_MISMATCH,
        /** The bytes are what the CID names but not a usable spec or weight file for this model. */
        INVALID
    }

    private final Kind kind;

    ModelStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = requireNonNull(kind, "kind == null");
    }

    public Kind kind() {
        return kind;
    }
}
