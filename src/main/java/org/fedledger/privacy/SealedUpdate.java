package org.fedledger.privacy;

import static java.util.Objects.requireNonNull;

/**
 * What {@link UpdateCipher#encrypt} produces: the encrypted file and the key wrap to publish
 * beside it, both public. The envelope array is shared, not copied (it is megabytes): do not
 * modify it after handing it over.
 *
 * @param envelope the encrypted file, layout in {@link UpdateCipher}
 * @param keyWrap the file key for each recipient; {@code keyWrap.encode()} gives its bytes
 */
public record SealedUpdate(byte[] envelope, KeyWrap keyWrap) {
    public SealedUpdate {
        requireNonNull(envelope, "envelope == null");
        requireNonNull(keyWrap, "keyWrap == null");
    }
}
