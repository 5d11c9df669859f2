package org.fedledger.deploy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Token amounts as people write them ({@code 100}, {@code 0.01}) and as ERC-20 contracts count
 * them (whole units of 10^-decimals), both ways.
 */
public final class TokenAmounts {
    private TokenAmounts() {}

    /**
     * Parses {@code text} as a non-negative number of tokens with at most {@code decimals}
     * decimal places; {@code what} names the value in the message of the
     * {@link IllegalArgumentException} thrown otherwise (e.g. {@code "--pool"}).
     */
    public static BigInteger parse(String what, String text, int decimals) {
        Objects.requireNonNull(text, "text == null");
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number of tokens (e.g. 100 or 0.5)");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(what + " " + text + " is negative");
        }
        try {
            return value.movePointRight(decimals).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " " + text + " has more decimal places than the token's "
                    + decimals);
        }
    }

    /** {@code amount} in tokens, without trailing zeros: 1500000000000000000 with 18 decimals is "1.5". */
    public static String format(BigInteger amount, int decimals) {
        return new BigDecimal(amount, decimals).stripTrailingZeros().toPlainString();
    }

    /** {@code amount} in tokens with exactly {@code places} decimal places, rounded down, for tables: "1.50". */
    public static String format(BigInteger amount, int decimals, int places) {
        return new BigDecimal(amount, decimals).setScale(places, RoundingMode.DOWN).toPlainString();
    }
}
