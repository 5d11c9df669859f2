package org.fedledger.aggregation;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** Participant addresses as aggregation keys: {@code 0x} and 40 hex digits, lower-case. */
final class Addresses {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Addresses() {}

    /**
     * Returns {@code address} in lower case. Lower-case hex strings of equal length sort like the
     * addresses' bytes, so sorting these strings gives the order of the contributions tree.
     */
    static String normalise(String address) {
        requireNonNull(address, "participant == null");
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        return address.toLowerCase(java.util.Locale.ROOT);
    }
}
