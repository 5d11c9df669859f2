package org.fedledger.aggregation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Parsing of rule parameter texts; a malformed text is an {@link IllegalArgumentException}. */
final class Params {
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,30}(\\.\\d{1,30})?([eE][+-]?\\d{1,3})?");
    private static final Pattern PAIR = Pattern.compile("([a-z]+)=(\\d{1,9})");

    private Params() {}

    static void none(String params) {
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("takes no parameters");
        }
    }

    /** A plain non-negative decimal such as {@code 5}, {@code 0.25} or {@code 1e-3}. */
    static BigDecimal decimal(String params, String what) {
        if (!DECIMAL.matcher(params).matches()) {
            throw new IllegalArgumentException(what + " must be a decimal number like 0.5");
        }
        return new BigDecimal(params);
    }

    /** Comma-separated {@code key=count} pairs naming each of {@code keys} once; returns them by key. */
    static Map<String, Integer> counts(String params, String... keys) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String pair : params.split(",", -1)) {
            var matcher = PAIR.matcher(pair.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("expected key=count pairs like f=1,m=3");
            }
            if (counts.put(matcher.group(1), Integer.parseInt(matcher.group(2))) != null) {
                throw new IllegalArgumentException(matcher.group(1) + " given twice");
            }
        }
        if (!counts.keySet().equals(new TreeSet<>(List.of(keys)))) {
            throw new IllegalArgumentException("expected " + String.join(", ", keys) + ", got " + counts.keySet());
        }
        return counts;
    }
}
