package org.fedledger.modelstore;

import org.fedledger.storage.Cid;

/**
 * How a task with encrypted files stores weight files: sealed (encrypted) before they are put,
 * opened (decrypted and checked) after they are read and verified against their CID. A
 * {@link ModelStore} made with {@link ModelStore#sealedWith} applies one to every weight file it
 * puts and gets; specs and raw files are never sealed.
 */
public interface FileSeal {
    /** The bytes to store for the weight file {@code file}. */
    byte[] seal(byte[] file);

    /**
     * The weight file inside {@code stored}, the verified bytes of {@code cid}.
     *
     * @throws Unreadable if they cannot be opened here: malformed, tampered, or not for this reader
     */
    byte[] open(Cid cid, byte[] stored) throws Unreadable;

    /** The most bytes sealing adds to a weight file, so reads can be capped. */
    long overhead();

    /** Sealed bytes that cannot be opened: a malformed weight file, said in one line. */
    final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
