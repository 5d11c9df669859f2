package org.fedledger.encryption;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Deterministic encryption of a round's aggregate, so that every honest participant, computing
 * the same aggregate from the same updates, publishes the same bytes and votes for the same
 * CID. Same format as {@link UpdateCipher} (anyone decrypts it with
 * {@link UpdateCipher#decrypt}); only the randomness is derived instead of drawn:
 * <pre>
 * ikm            = for each secret, in the order given: uint32 length || secret
 * info           = "FedLedger aggregate key v1" || uint32 length || context || SHA-256(plaintext)
 * key || nonce   = HKDF-SHA256(ikm, no salt, info), 32 + 12 bytes
 * ephemeral(r)   = HKDF-SHA256(key, no salt, "FedLedger aggregate ephemeral v1" || address(r) || counter),
 *                  32 bytes as an integer, the first counter (from 0) that gives one in [1, n)
 * </pre>
 * The secrets are the file keys of the round's updates, which only their recipients know, in
 * address order of their senders; the context names the task and round. So the key is secret to
 * the round's participants, differs for every task, round and plaintext, and each ephemeral key
 * serves one file key and one recipient only (the ECIES wrap's key-encryption key is never
 * reused). With no secret at all the key still depends on the plaintext, as in convergent
 * encryption: hidden from whoever cannot guess the whole weight file.
 */
public final class AggregateCipher {
    private static final byte[] KEY_INFO = "FedLedger aggregate key v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EPHEMERAL_INFO = "FedLedger aggregate ephemeral v1".getBytes(StandardCharsets.US_ASCII);

    private AggregateCipher() {}

    /**
     * Encrypts {@code plaintext} for {@code recipients}, deterministically: the same arguments
     * (recipients in any order) give the same bytes.
     *
     * @param secrets secret inputs every honest encrypter has alike, in an agreed order
     * @param context public data that binds the key to its use, e.g. task address and round
     * @throws IllegalArgumentException if there is no recipient or one is listed twice
     */
    public static SealedUpdate encrypt(byte[] plaintext, Collection<Recipient> recipients, List<byte[]> secrets,
                                       byte[] context) {
        requireNonNull(plaintext, "plaintext == null");
        requireNonNull(recipients, "recipients == null");
        requireNonNull(secrets, "secrets == null");
        requireNonNull(context, "context == null");
        ByteArrayOutputStream ikm = new ByteArrayOutputStream();
        for (byte[] secret : secrets) {
            ikm.writeBytes(ByteBuffer.allocate(4).putInt(requireNonNull(secret, "secret == null").length).array());
            ikm.writeBytes(secret);
        }
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes(KEY_INFO);
        info.writeBytes(ByteBuffer.allocate(4).putInt(context.length).array());
        info.writeBytes(context);
        info.writeBytes(sha256(plaintext));
        byte[] okm = hkdf(ikm.toByteArray(), info.toByteArray(), Aead.KEY_BYTES + Aead.NONCE_BYTES);
        byte[] key = Arrays.copyOf(okm, Aead.KEY_BYTES);
        byte[] nonce = Arrays.copyOfRange(okm, Aead.KEY_BYTES, okm.length);
        try {
            return UpdateCipher.seal(plaintext, recipients, key, nonce,
                    (k, commitment, recipient) -> Ecies.wrap(k, commitment, recipient, ephemeral(k, recipient.address())));
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(okm, (byte) 0);
        }
    }

    private static BigInteger ephemeral(byte[] key, String address) {
        byte[] addressBytes = HexFormat.of().parseHex(address, 2, 42);
        for (int counter = 0; ; counter++) {
            byte[] info = new byte[EPHEMERAL_INFO.length + 20 + 1];
            System.arraycopy(EPHEMERAL_INFO, 0, info, 0, EPHEMERAL_INFO.length);
            System.arraycopy(addressBytes, 0, info, EPHEMERAL_INFO.length, 20);
            info[info.length - 1] = (byte) counter;
            BigInteger d = new BigInteger(1, hkdf(key, info, 32));
            if (d.signum() > 0 && d.compareTo(Ecies.order()) < 0) {
                return d;
            }
        }
    }

    private static byte[] hkdf(byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, null, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
