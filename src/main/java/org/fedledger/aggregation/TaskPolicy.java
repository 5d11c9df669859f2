package org.fedledger.aggregation;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedledger.privacy.DpPolicy;

/**
 * What every participant of a task applies, as the task stores it in its metadata's
 * {@code aggregationParams} (bytes the contracts never read): the aggregation rule's parameters
 * and, optionally, a client-level differential-privacy policy and encrypted files. The text is UTF-8; its first line
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
 * Numbers are plain decimals of at most {@value #DIGITS} significant digits, without exponent,
 * sign, or leading or trailing zeros, so that one policy has one text and every participant
 * reads the same doubles from it. A key this version does not know is refused (a newer
 * FedLedger wrote the task), as is anything not in canonical form.
 *
 * @param ruleParams the rule's parameter text (the first line), e.g. {@code f=1,m=3}, or empty
 * @param privacy the differential-privacy policy, if the task has one
 * @param encrypted whether updates and aggregates are encrypted ({@code encrypt=aes-256-gcm})
 */
public record TaskPolicy(String ruleParams, Optional<DpPolicy> privacy, boolean encrypted) {
    /** Significant digits of a policy number. */
    public static final int DIGITS = 9;
    /** The keys this version knows, for messages. */
    static final String KEYS = "dp, encrypt";
    /** The one encryption a task can name. */
    public static final String ENCRYPTION = "aes-256-gcm";

    private static final Pattern KEY_VALUE = Pattern.compile("([a-z][a-z0-9-]{0,31})=(.*)");
    private static final Pattern DP = Pattern.compile("clip:([^,]*),noise:([^,]*),delta:([^,]*),epsilon:([^,]*)");
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,29})(\\.[0-9]{0,29}[1-9])?");
    private static final String DP_FORMAT = "dp=clip:C,noise:Z,delta:D,epsilon:E, e.g. "
            + "dp=clip:1,noise:1.18421773,delta:0.00001,epsilon:10";

    public TaskPolicy {
        requireNonNull(ruleParams, "ruleParams == null");
        requireNonNull(privacy, "privacy == null");
        if (ruleParams.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("rule parameters must be one line: " + ruleParams.strip());
        }
        privacy.ifPresent(TaskPolicy::requireCanonical);
    }

    /** A policy without encryption. */
    public TaskPolicy(String ruleParams, Optional<DpPolicy> privacy) {
        this(ruleParams, privacy, false);
    }

    /**
     * Reads a policy text. A text whose lines after the first are all blank (or that has none) is
     * the rule's parameters alone, stripped, exactly as read before policies existed.
     *
     * @throws IllegalArgumentException with a one-line reason if a further line is malformed,
     *     repeated, not canonical or has an unknown key
     */
    public static TaskPolicy decode(String text) {
        requireNonNull(text, "text == null");
        String[] lines = text.split("\n", -1);
        boolean extra = false;
        for (int i = 1; i < lines.length; i++) {
            extra |= !lines[i].isBlank();
        }
        if (!extra) {
            return new TaskPolicy(text.strip(), Optional.empty());
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
        return new TaskPolicy(lines[0].strip(), Optional.ofNullable(dp), encrypted);
    }

    /**
     * The canonical text: the rule's parameters, then {@code dp=...} if there is a privacy
     * policy, then {@code encrypt=aes-256-gcm} if files are encrypted.
     */
    public String encode() {
        String text = privacy.map(p -> ruleParams + "\n" + dpLine(p)).orElse(ruleParams);
        return encrypted ? text + "\nencrypt=" + ENCRYPTION : text;
    }

    /** The {@code dp=...} line of {@code policy}, whose values must be canonical (see {@link #canonical}). */
    public static String dpLine(DpPolicy policy) {
        requireCanonical(policy);
        return "dp=clip:" + format(policy.clipNorm()) + ",noise:" + format(policy.noiseMultiplier())
                + ",delta:" + format(policy.delta()) + ",epsilon:" + format(policy.epsilonBudget());
    }

    /**
     * Returns {@code policy} with every value at {@value #DIGITS} significant digits, as a task
     * can store it: the noise multiplier rounded up and the epsilon budget and delta down (so the
     * stored policy is never less private than the one asked for), the clip norm to nearest.
     * Values already canonical are unchanged.
     */
    public static DpPolicy canonical(DpPolicy policy) {
        requireNonNull(policy, "policy == null");
        return new DpPolicy(round(policy.clipNorm(), RoundingMode.HALF_EVEN),
                round(policy.noiseMultiplier(), RoundingMode.CEILING), round(policy.delta(), RoundingMode.FLOOR),
                round(policy.epsilonBudget(), RoundingMode.FLOOR));
    }

    /** A number as a policy writes it, e.g. {@code 0.00001}, {@code 10}, {@code 1.18421773}. */
    public static String format(double value) {
        return new BigDecimal(value).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    private static double round(double value, RoundingMode mode) {
        // first to 15 digits, which recovers a decimal the value was parsed from (0.3, not 0.29999...)
        BigDecimal decimal = new BigDecimal(value).round(new MathContext(15, RoundingMode.HALF_EVEN));
        return decimal.round(new MathContext(DIGITS, mode)).doubleValue();
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
