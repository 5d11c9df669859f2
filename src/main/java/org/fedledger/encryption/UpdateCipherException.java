package org.fedledger.encryption;

import static java.util.Objects.requireNonNull;

/**
 * An encrypted update or its key wrap cannot be opened by this participant. The message is one
 * line saying why, ready to record as the reason the update failed; {@link #reason()} lets a
 * caller tell "not for me" from "damaged" without parsing it. Whoever sent the bytes is at fault,
 * never the caller, so a round treats every reason as a malformed update.
 */
public final class UpdateCipherException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong, in the order the checks run. */
    public enum Reason {
        /** The bytes end before the format says they should. */
        TRUNCATED,
        /** The first four bytes are not the format's magic: some other file. */
        BAD_MAGIC,
        /** A format version this build cannot read. */
        UNSUPPORTED_VERSION,
        /** The key wrap document is not well formed (length, order of recipients). */
        KEY_WRAP_MALFORMED,
        /** The key wrap was made for another encrypted file (its key commitment differs). */
        KEY_WRAP_MISMATCH,
        /** The key wrap has no entry for this participant's address. */
        NOT_A_RECIPIENT,
        /** This participant's wrapped key fails its authentication tag or is not a curve point. */
        WRAPPED_KEY_TAMPERED,
        /** The unwrapped key is not the key the file commits to: the sender wrapped different keys. */
        KEY_COMMITMENT_MISMATCH,
        /** The ciphertext, nonce or header fails the GCM tag. */
        TAMPERED
    }

    private final Reason reason;

    public UpdateCipherException(Reason reason, String message) {
        super(message);
        this.reason = requireNonNull(reason, "reason == null");
    }

    public Reason reason() {
        return reason;
    }
}
