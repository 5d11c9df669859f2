package org.fedledger.task;

import static java.util.Objects.requireNonNull;
import static org.fedledger.task.TaskPolicy.DIGITS;
import static org.fedledger.task.TaskPolicy.ENCRYPTION;
import static org.fedledger.task.TaskPolicy.format;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedledger.privacy.DpPolicy;

/**
 * A {@link TaskPolicy} in the text form a task stores in its metadata's {@code aggregationParams}
 * (bytes the contracts never read): the aggregation rule's parameters and, optionally, a
 * client-level differential-privacy policy and encrypted files. The text is UTF-8; its first line
 * is the rule's parameter text exactly as tasks without a policy store it (so their bytes are
 * unchanged), each further line one {@code key=value}:
 * <pre>
 * f=1,m=3
 * dp=clip:1,noise:1.18421773,delta:0.00001,epsilon:10
 * encrypt=aes-256-gcm
 * </pre>
 * {@code encrypt=aes-256-gcm} makes updates and aggregates go to IPFS encrypted for the task's
 * participants (docs/privacy.md); it is the only value. {@link #encode()} writes {@code dp}
 * before {@code encrypt}; {@link #decode} reads them in either order.
 * Numbers are plain decimals of at most {@value TaskPolicy#DIGITS} significant digits, without exponent,
 * sign, or leading or trailing zeros, so that one policy has one text and every participant
 * reads the same doubles from it. A key this version does not know is refused (a newer
 * FedLedger wrote the task), as is anything not in canonical form.
 *
 * @param ruleParams the rule's parameter text (the first line), e.g. {@code f=1,m=3}, or empty
 * @param privacy the differential-privacy policy, if the task has one
 * @param encrypted whether updates and aggregates are encrypted ({@code encrypt=aes-256-gcm})
 */
record PolicyText(String ruleParams, Optional<DpPolicy> privacy, boolean encrypted) {
    /** The most bytes a policy may have. */
    static final int MAX_BYTES = 256;
    /** The keys this version knows, for messages. */
    static final String KEYS = "dp, encrypt";

    private static final Pattern KEY_VALUE = Pattern.compile("([a-z][a-z0-9-]{0,31})=(.*)");
    private static final Pattern DP = Pattern.compile("clip:([^,]*),noise:([^,]*),delta:([^,]*),epsilon:([^,]*)");
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,29})(\\.[0-9]{0,29}[1-9])?");
    private static final String DP_FORMAT = "dp=clip:C,noise:Z,delta:D,epsilon:E, e.g. "
            + "dp=clip:1,noise:1.18421773,delta:0.00001,epsilon:10";

    PolicyText {
        requireNonNull(ruleParams, "ruleParams == null");
        requireNonNull(privacy, "privacy == null");
        if (ruleParams.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("rule parameters must be one line: " + ruleParams.strip());
        }
        privacy.ifPresent(PolicyText::requireCanonical);
    }

    /**
     * Reads the policy a task stores: at most {@value #MAX_BYTES} bytes of UTF-8 text.
     *
     * @throws IllegalArgumentException with a one-line reason if they are not a policy text
     */
    static PolicyText decode(byte[] stored) {
        if (stored.length > MAX_BYTES) {
            throw new IllegalArgumentException("task policy of " + stored.length + " bytes exceeds " + MAX_BYTES);
        }
        try {
            return decode(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(stored)).toString());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("task policy is not UTF-8 text");
        }
    }

    /**
     * Reads a policy text. A text whose lines after the first are all blank (or that has none) is
     * the rule's parameters alone, stripped, exactly as read before policies existed.
     *
     * @throws IllegalArgumentException with a one-line reason if a further line is malformed,
     *     repeated, not canonical or has an unknown key
     */
    static PolicyText decode(String text) {
        requireNonNull(text, "text == null");
        String[] lines = text.split("\n", -1);
        boolean extra = false;
        for (int i = 1; i < lines.length; i++) {
            extra |= !lines[i].isBlank();
        }
        if (!extra) {
            return new PolicyText(text.strip(), Optional.empty(), false);
        }
        DpPolicy dp = null;
        boolean encrypted = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (i == lines.length - 1 && line.isEmpty()) {
                break; // the text may end with a newline
            }
            Matcher kv = KEY_VALUE.matcher(line);
            if (!kv.matches()) {
                throw new IllegalArgumentException("task policy line " + (i + 1) + " '" + printable(line)
                        + "' is not key=value");
            }
            if (kv.group(1).equals("encrypt")) {
                if (encrypted) {
                    throw new IllegalArgumentException("task policy has two encrypt lines");
                }
                if (!kv.group(2).equals(ENCRYPTION)) {
                    throw new IllegalArgumentException("task policy line 'encrypt=" + printable(kv.group(2))
                            + "' names an encryption this version does not know (it knows " + ENCRYPTION
                            + "): upgrade FedLedger to take part in this task");
                }
                encrypted = true;
                continue;
            }
            if (!kv.group(1).equals("dp")) {
                throw new IllegalArgumentException("unknown task policy key '" + kv.group(1) + "' (this version knows "
                        + KEYS + "): upgrade FedLedger to take part in this task");
            }
            if (dp != null) {
                throw new IllegalArgumentException("task policy has two dp lines");
            }
            dp = parseDp(kv.group(2));
        }
        return new PolicyText(lines[0].strip(), Optional.ofNullable(dp), encrypted);
    }

    /**
     * The canonical text: the rule's parameters, then {@code dp=...} if there is a privacy
     * policy, then {@code encrypt=aes-256-gcm} if files are encrypted.
     */
    String encode() {
        String text = privacy.map(p -> ruleParams + "\n" + dpLine(p)).orElse(ruleParams);
        return encrypted ? text + "\nencrypt=" + ENCRYPTION : text;
    }

    /** {@link #encode()}'s text as the bytes a task stores. */
    byte[] bytes() {
        return encode().getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code dp=...} line of {@code policy}, whose values must be canonical (see {@link TaskPolicy#canonical}). */
    static String dpLine(DpPolicy policy) {
        requireCanonical(policy);
        return "dp=clip:" + format(policy.clipNorm()) + ",noise:" + format(policy.noiseMultiplier())
                + ",delta:" + format(policy.delta()) + ",epsilon:" + format(policy.epsilonBudget());
    }

    private static void requireCanonical(DpPolicy policy) {
        double[] values = {policy.clipNorm(), policy.noiseMultiplier(), policy.delta(), policy.epsilonBudget()};
        for (double v : values) {
            if (new BigDecimal(format(v)).doubleValue() != v) {
                throw new IllegalArgumentException("differential-privacy value " + v + " has more than " + DIGITS
                        + " significant digits: use TaskPolicy.canonical(policy)");
            }
        }
    }

    private static DpPolicy parseDp(String value) {
        Matcher m = DP.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("task policy line 'dp=" + printable(value) + "' is malformed: expected "
                    + DP_FORMAT);
        }
        try {
            return new DpPolicy(number("clip", m.group(1)), number("noise", m.group(2)), number("delta", m.group(3)),
                    number("epsilon", m.group(4)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task policy line 'dp=" + printable(value) + "': " + e.getMessage(), e);
        }
    }

    private static double number(String name, String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException(name + " '" + printable(text) + "' is not a plain decimal without "
                    + "leading or trailing zeros, such as 0.00001 or 10");
        }
        BigDecimal value = new BigDecimal(text);
        if (value.stripTrailingZeros().precision() > DIGITS) {
            throw new IllegalArgumentException(name + " " + text + " has more than " + DIGITS + " significant digits");
        }
        return value.doubleValue();
    }

    private static String printable(String text) {
        String shown = text.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    }
}
