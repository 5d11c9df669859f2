package org.fedledger.encryption;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import javax.crypto.AEADBadTagException;
import org.fedledger.encryption.UpdateCipherException.Reason;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Encrypts an update (or an aggregate) for a set of participants before it goes to IPFS, where
 * anyone holding the CID could otherwise read it: AES-256-GCM under a fresh random 256-bit key
 * and 96-bit nonce per file, the key wrapped for each recipient's secp256k1 key in a
 * {@link KeyWrap} (ECIES, {@link Ecies}). Decryption checks everything before returning a byte.
 *
 * <p>The header carries a key commitment, {@code SHA-256("FedLedger update key commitment v1" ||
 * key)}, checked after unwrapping: GCM alone is not key-committing, so without it a malicious
 * sender could wrap two different keys under which one ciphertext decrypts to two different
 * updates, and honest participants would aggregate different things.
 *
 * <p>Envelope layout, version 1. Integers are unsigned little-endian:
 * <pre>
 * offset  size  field
 *      0     4  magic: ASCII "FLEU"
 *      4     4  format version, uint32: 1
 *      8    12  GCM nonce, random
 *     20    32  key commitment
 *     52     n  AES-256-GCM ciphertext of the n-byte plaintext
 *   52+n    16  GCM tag, over bytes 0..51 as associated data and the ciphertext
 * </pre>
 */
public final class UpdateCipher {
    static final int MAGIC = 0x55454C46; // "FLEU" read as a little-endian int
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8 + Aead.NONCE_BYTES + KeyWrap.COMMITMENT_BYTES;
    private static final byte[] COMMITMENT_DOMAIN =
            "FedLedger update key commitment v1".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random;

    /** Draws keys, nonces and ephemeral keys from a fresh {@link SecureRandom}. */
    public UpdateCipher() {
        this(new SecureRandom());
    }

    /** Draws keys, nonces and ephemeral keys from {@code random}. */
    public UpdateCipher(SecureRandom random) {
        this.random = requireNonNull(random, "random == null");
    }

    /**
     * Encrypts {@code plaintext} so that exactly {@code recipients} can read it. Recipients are
     * processed in address order, so the output depends on the set, not the order it is listed in.
     *
     * @throws IllegalArgumentException if there is no recipient or one is listed twice
     */
    public SealedUpdate encrypt(byte[] plaintext, Collection<Recipient> recipients) {
        requireNonNull(plaintext, "plaintext == null");
        requireNonNull(recipients, "recipients == null");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients: pass the public key of every participant who must read it");
        }
        byte[] key = new byte[Aead.KEY_BYTES];
        byte[] nonce = new byte[Aead.NONCE_BYTES];
        random.nextBytes(key);
        random.nextBytes(nonce);
        try {
            return seal(plaintext, recipients, key, nonce, (k, commitment, recipient) -> Ecies.wrap(k, commitment,
                    recipient, random));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Wraps a file key for one recipient. */
    interface Wrapper {
        WrappedKey wrap(byte[] key, byte[] commitment, Recipient recipient);
    }

    /** Encrypts under {@code key} and {@code nonce}, wrapping the key for each recipient in address order. */
    static SealedUpdate seal(byte[] plaintext, Collection<Recipient> recipients, byte[] key, byte[] nonce,
                             Wrapper wrapper) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients: pass the public key of every participant who must read it");
        }
        List<Recipient> sorted = new ArrayList<>(recipients);
        sorted.sort(Comparator.comparing(Recipient::address));
        byte[] commitment = commitment(key);
        byte[] header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MAGIC).putInt(VERSION).put(nonce).put(commitment).array();
        byte[] sealed = Aead.seal(key, nonce, header, plaintext);
        byte[] envelope = Arrays.copyOf(header, HEADER_BYTES + sealed.length);
        System.arraycopy(sealed, 0, envelope, HEADER_BYTES, sealed.length);
        List<WrappedKey> wraps = new ArrayList<>(sorted.size());
        for (Recipient recipient : sorted) {
            wraps.add(wrapper.wrap(key, commitment, recipient));
        }
        return new SealedUpdate(envelope, new KeyWrap(commitment, wraps));
    }

    /**
     * Decrypts {@code envelope} with the key wrapped for {@code keys}' address in {@code keyWrap}.
     * Returns the plaintext only if every check passes; the first failure is thrown.
     *
     * @throws UpdateCipherException saying why, in this order: {@code TRUNCATED},
     *     {@code BAD_MAGIC}, {@code UNSUPPORTED_VERSION}, {@code KEY_WRAP_MISMATCH},
     *     {@code NOT_A_RECIPIENT}, {@code WRAPPED_KEY_TAMPERED}, {@code KEY_COMMITMENT_MISMATCH},
     *     {@code TAMPERED}
     */
    public static byte[] decrypt(byte[] envelope, KeyWrap keyWrap, ECKeyPair keys) throws UpdateCipherException {
        Decrypted decrypted = decryptWithKey(envelope, keyWrap, keys);
        Arrays.fill(decrypted.fileKey(), (byte) 0);
        return decrypted.plaintext();
    }

    /**
     * What {@link #decryptWithKey} returns: the plaintext and the file key it was encrypted
     * under, which only recipients know (the deterministic encryption of a round's aggregate is
     * keyed with the file keys of the round's updates, see {@link AggregateCipher}).
     */
    public record Decrypted(byte[] plaintext, byte[] fileKey) {
        public Decrypted {
            requireNonNull(plaintext, "plaintext == null");
            requireNonNull(fileKey, "fileKey == null");
        }
    }

    /**
     * Decrypts a file in the container format of {@link SealedUpdate#encode()} (the key wrap and
     * envelope in one file) with the key wrapped for {@code keys}' address.
     *
     * @throws UpdateCipherException as {@link SealedUpdate#decode} and {@link #decrypt} do
     */
    public static Decrypted open(byte[] container, ECKeyPair keys) throws UpdateCipherException {
        SealedUpdate sealed = SealedUpdate.decode(container);
        return decryptWithKey(sealed.envelope(), sealed.keyWrap(), keys);
    }

    /** As {@link #decrypt}, also returning the file key. */
    public static Decrypted decryptWithKey(byte[] envelope, KeyWrap keyWrap, ECKeyPair keys)
            throws UpdateCipherException {
        requireNonNull(keyWrap, "keyWrap == null");
        requireNonNull(keys, "keys == null");
        byte[] commitment = keyCommitment(envelope);
        if (envelope.length < HEADER_BYTES + Aead.TAG_BYTES) {
            throw truncated(envelope.length);
        }
        if (!MessageDigest.isEqual(commitment, keyWrap.keyCommitment())) {
            throw new UpdateCipherException(Reason.KEY_WRAP_MISMATCH,
                    "key wrap belongs to another encrypted update (key commitments differ)");
        }
        String address = "0x" + Keys.getAddress(keys.getPublicKey());
        WrappedKey wrapped = keyWrap.find(address).orElseThrow(() -> new UpdateCipherException(
                Reason.NOT_A_RECIPIENT, "not a recipient of this update: " + address + " is not in its key wrap"));
        byte[] key = Ecies.unwrap(wrapped, commitment, keys);
        try {
            if (!MessageDigest.isEqual(commitment(key), commitment)) {
                throw new UpdateCipherException(Reason.KEY_COMMITMENT_MISMATCH, "the key wrapped for " + address
                        + " is not the key the update commits to: the sender wrapped different keys");
            }
            byte[] header = Arrays.copyOf(envelope, HEADER_BYTES);
            byte[] nonce = Arrays.copyOfRange(envelope, 8, 8 + Aead.NONCE_BYTES);
            byte[] plaintext = Aead.open(key, nonce, header, envelope, HEADER_BYTES, envelope.length - HEADER_BYTES);
            return new Decrypted(plaintext, key);
        } catch (AEADBadTagException e) {
            Arrays.fill(key, (byte) 0);
            throw new UpdateCipherException(Reason.TAMPERED, "ciphertext tampered or wrong key (GCM tag mismatch)");
        } catch (UpdateCipherException e) {
            Arrays.fill(key, (byte) 0);
            throw e;
        }
    }

    /**
     * Returns the key commitment in an envelope's header, after checking its magic and version:
     * enough to match an envelope with its key wrap without any key.
     *
     * @throws UpdateCipherException {@code TRUNCATED}, {@code BAD_MAGIC} or {@code UNSUPPORTED_VERSION}
     */
    public static byte[] keyCommitment(byte[] envelope) throws UpdateCipherException {
        requireNonNull(envelope, "envelope == null");
        if (envelope.length < 4) {
            throw truncated(envelope.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(envelope).order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.getInt() != MAGIC) {
            throw new UpdateCipherException(Reason.BAD_MAGIC, "not an encrypted FedLedger update (bad magic)");
        }
        if (envelope.length < HEADER_BYTES) {
            throw truncated(envelope.length);
        }
        int version = buffer.getInt();
        if (version != VERSION) {
            throw new UpdateCipherException(Reason.UNSUPPORTED_VERSION, "encrypted update format version "
                    + Integer.toUnsignedString(version) + " is not supported (this build reads 1): upgrade FedLedger");
        }
        return Arrays.copyOfRange(envelope, 8 + Aead.NONCE_BYTES, HEADER_BYTES);
    }

    private static UpdateCipherException truncated(int length) {
        return new UpdateCipherException(Reason.TRUNCATED, "encrypted update is truncated: " + length
                + " bytes, at least " + (HEADER_BYTES + Aead.TAG_BYTES) + " needed");
    }

    static byte[] commitment(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(COMMITMENT_DOMAIN);
            return sha256.digest(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
