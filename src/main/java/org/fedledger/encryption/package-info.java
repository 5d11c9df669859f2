/**
 * Encrypted files for a task whose policy says {@code encrypt=aes-256-gcm} (docs/privacy.md): an
 * {@link org.fedledger.encryption.UpdateCipher} seals a file for the registered participants with
 * AES-256-GCM and publishes the key wrapped for each of them in a
 * {@link org.fedledger.encryption.KeyWrap}, so that a CID alone no longer reveals an update; an
 * {@link org.fedledger.encryption.AggregateCipher} seals an aggregate deterministically, so that
 * every honest participant publishes the same CID. {@link org.fedledger.encryption.EncryptedFiles}
 * is the {@link org.fedledger.modelstore.FileSeal} through which a
 * {@link org.fedledger.modelstore.ModelStore} stores and reads such files.
 */
package org.fedledger.encryption;
