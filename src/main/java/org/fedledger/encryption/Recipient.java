package org.fedledger.encryption;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/**
 * A participant an encrypted update is for: its address and its secp256k1 public key in web3j's
 * form ({@code ECKeyPair#getPublicKey()}: the 64-byte uncompressed point without the 0x04
 * prefix, as an unsigned integer). The key must be the one the address derives from, so a
 * registry that lists a wrong key for an address is caught before anything is encrypted to it.
 *
 * @param address {@code 0x} and 40 hex digits, any case; stored lower-case
 * @param publicKey a point on secp256k1 whose Ethereum address is {@code address}
 */
public record Recipient(String address, BigInteger publicKey) {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    public Recipient {
        address = normalise(address);
        requireNonNull(publicKey, "publicKey == null");
        Ecies.publicPoint(publicKey); // throws if it is not a curve point
        String derived = "0x" + Keys.getAddress(publicKey);
        if (!derived.equals(address)) {
            throw new IllegalArgumentException("public key belongs to " + derived + ", not to " + address
                    + ": take the key the participant registered with this address");
        }
    }

    /** Returns the recipient that owns {@code publicKey}, its address derived from the key. */
    public static Recipient of(BigInteger publicKey) {
        requireNonNull(publicKey, "publicKey == null");
        return new Recipient("0x" + Keys.getAddress(publicKey), publicKey);
    }

    static String normalise(String address) {
        requireNonNull(address, "address == null");
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("not an address (0x and 40 hex digits): " + address);
        }
        return address.toLowerCase(Locale.ROOT);
    }
}
