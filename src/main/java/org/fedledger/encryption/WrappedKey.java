package org.fedledger.encryption;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One recipient's copy of an encrypted file's key, sealed so that only the holder of that
 * address's private key can open it (ECIES, see {@link Ecies}).
 *
 * @param address the recipient, {@code 0x} and 40 hex digits; stored lower-case
 * @param ephemeralPublicKey the sender's one-time secp256k1 key, SEC 1 compressed, 33 bytes
 * @param sealedKey the 32-byte file key under AES-256-GCM, then the 16-byte tag: 48 bytes
 */
public record WrappedKey(String address, byte[] ephemeralPublicKey, byte[] sealedKey) {
    static final int EPHEMERAL_BYTES = 33;
    static final int SEALED_BYTES = 48;

    public WrappedKey {
        address = Recipient.normalise(address);
        requireNonNull(ephemeralPublicKey, "ephemeralPublicKey == null");
        requireNonNull(sealedKey, "sealedKey == null");
        if (ephemeralPublicKey.length != EPHEMERAL_BYTES) {
            throw new IllegalArgumentException("ephemeral public key must have 33 bytes, not " + ephemeralPublicKey.length);
        }
        if (sealedKey.length != SEALED_BYTES) {
            throw new IllegalArgumentException("sealed key must have 48 bytes, not " + sealedKey.length);
        }
        ephemeralPublicKey = ephemeralPublicKey.clone();
        sealedKey = sealedKey.clone();
    }

    @Override
    public byte[] ephemeralPublicKey() {
        return ephemeralPublicKey.clone();
    }

    @Override
    public byte[] sealedKey() {
        return sealedKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedKey other
                && address.equals(other.address)
                && Arrays.equals(ephemeralPublicKey, other.ephemeralPublicKey)
                && Arrays.equals(sealedKey, other.sealedKey);
    }

    @Override
    public int hashCode() {
        return (address.hashCode() * 31 + Arrays.hashCode(ephemeralPublicKey)) * 31 + Arrays.hashCode(sealedKey);
    }

    @Override
    public String toString() {
        return "WrappedKey[" + address + "]";
    }
}
