package org.fedledger.encryption;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.fedledger.encryption.UpdateCipherException.Reason;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * ECIES key wrapping on secp256k1, the curve every participant already has a key on: a fresh
 * ephemeral key pair per recipient, ECDH with the recipient's public key, HKDF-SHA256 of the
 * shared x-coordinate into a 256-bit key-encryption key, and AES-256-GCM of the file key.
 *
 * <p>Built from parts rather than BouncyCastle's {@code IESEngine} because that engine is
 * encrypt-then-MAC over a stream cipher with configurable, easily mis-set parameters and no
 * associated data, while this needs AEAD with associated data: the wrap's tag covers the
 * recipient's address and the file's key commitment, so a wrap cannot be moved to another
 * recipient or another file. The HKDF salt is the ephemeral key (which ISO 18033-2's ECIES-KEM
 * also feeds to its KDF, against malleability) followed by the recipient's key, binding both ends;
 * the info string {@value #INFO} separates this use of the shared secret from any other. The key-encryption key is used exactly once, so the GCM
 * nonce can be the constant zero.
 */
final class Ecies {
    static final String INFO = "FedLedger update key wrap v1";
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final byte[] ZERO_NONCE = new byte[12];

    private Ecies() {}

    /** Seals {@code fileKey} for {@code recipient}, bound to {@code commitment}. */
    static WrappedKey wrap(byte[] fileKey, byte[] commitment, Recipient recipient, SecureRandom random) {
        return wrap(fileKey, commitment, recipient, randomScalar(random));
    }

    /**
     * Seals {@code fileKey} for {@code recipient} with the given ephemeral private key, which
     * must be in [1, n) and never used for another file key or recipient.
     */
    static WrappedKey wrap(byte[] fileKey, byte[] commitment, Recipient recipient, BigInteger ephemeral) {
        if (ephemeral.signum() <= 0 || ephemeral.compareTo(CURVE.getN()) >= 0) {
            throw new IllegalArgumentException("ephemeral key out of range");
        }
        byte[] ephemeralPublic = CURVE.getG().multiply(ephemeral).getEncoded(true);
        ECPoint shared = publicPoint(recipient.publicKey()).multiply(ephemeral);
        byte[] kek = kek(shared, ephemeralPublic, recipient.publicKey());
        byte[] sealed = Aead.seal(kek, ZERO_NONCE, aad(recipient.address(), commitment), fileKey);
        return new WrappedKey(recipient.address(), ephemeralPublic, sealed);
    }

    /** Opens {@code wrapped} with {@code keys}, returning the 32-byte file key. */
    static byte[] unwrap(WrappedKey wrapped, byte[] commitment, ECKeyPair keys) throws UpdateCipherException {
        ECPoint ephemeralPoint;
        try {
            ephemeralPoint = CURVE.getCurve().decodePoint(wrapped.ephemeralPublicKey());
        } catch (IllegalArgumentException e) {
            throw new UpdateCipherException(Reason.WRAPPED_KEY_TAMPERED, "wrapped key for " + wrapped.address()
                    + " is damaged (ephemeral key is not a secp256k1 point)");
        }
        ECPoint shared = ephemeralPoint.multiply(keys.getPrivateKey());
        byte[] kek = kek(shared, wrapped.ephemeralPublicKey(), keys.getPublicKey());
        byte[] sealed = wrapped.sealedKey();
        try {
            return Aead.open(kek, ZERO_NONCE, aad(wrapped.address(), commitment), sealed, 0, sealed.length);
        } catch (AEADBadTagException e) {
            throw new UpdateCipherException(Reason.WRAPPED_KEY_TAMPERED, "wrapped key for " + wrapped.address()
                    + " tampered or made for another file (GCM tag mismatch)");
        }
    }

    /**
     * Returns web3j's 64-byte public key as a curve point.
     *
     * @throws IllegalArgumentException if it is not a point on secp256k1
     */
    static ECPoint publicPoint(BigInteger publicKey) {
        if (publicKey.signum() < 0 || publicKey.bitLength() > 512) {
            throw new IllegalArgumentException("public key must be 64 bytes (web3j ECKeyPair#getPublicKey)");
        }
        byte[] encoded = new byte[65];
        encoded[0] = 0x04;
        System.arraycopy(Numeric.toBytesPadded(publicKey, 64), 0, encoded, 1, 64);
        try {
            return CURVE.getCurve().decodePoint(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not a point on secp256k1: 0x"
                    + HexFormat.of().formatHex(encoded, 1, 65));
        }
    }

    /** The order of secp256k1's base point. */
    static BigInteger order() {
        return CURVE.getN();
    }

    private static BigInteger randomScalar(SecureRandom random) {
        BigInteger n = CURVE.getN();
        byte[] bytes = new byte[32];
        while (true) {
            random.nextBytes(bytes);
            BigInteger d = new BigInteger(1, bytes);
            if (d.signum() > 0 && d.compareTo(n) < 0) {
                return d;
            }
        }
    }

    private static byte[] kek(ECPoint shared, byte[] ephemeralPublic, BigInteger recipientPublic) {
        ECPoint normalized = shared.normalize();
        if (normalized.isInfinity()) { // impossible for valid points on a prime-order curve
            throw new IllegalStateException("ECDH gave the point at infinity");
        }
        byte[] salt = new byte[33 + 64];
        System.arraycopy(ephemeralPublic, 0, salt, 0, 33);
        System.arraycopy(Numeric.toBytesPadded(recipientPublic, 64), 0, salt, 33, 64);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(normalized.getAffineXCoord().getEncoded(), salt,
                INFO.getBytes(StandardCharsets.US_ASCII)));
        byte[] kek = new byte[32];
        hkdf.generateBytes(kek, 0, kek.length);
        return kek;
    }

    private static byte[] aad(String address, byte[] commitment) {
        byte[] aad = new byte[20 + commitment.length];
        System.arraycopy(HexFormat.of().parseHex(address, 2, 42), 0, aad, 0, 20);
        System.arraycopy(commitment, 0, aad, 20, commitment.length);
        return aad;
    }
}
