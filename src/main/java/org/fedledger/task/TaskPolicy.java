package org.fedledger.task;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import org.fedledger.aggregation.AggregationException;
import org.fedledger.aggregation.AggregationRule;
import org.fedledger.aggregation.AggregationRules;
import org.fedledger.privacy.DpPolicy;

/**
 * What every participant of a task applies besides the contract's rules: the aggregation rule
 * and, optionally, a client-level differential-privacy policy and encrypted files. A task stores
 * it as its rules' {@code aggregationRule} id and its metadata's {@code aggregationParams} text
 * (the format is {@link PolicyText}'s); {@link #decode} reads the two once, and the rest of the
 * code asks the policy, not the rule, whether the task is private or encrypted.
 *
 * <p>Under a privacy policy the task's {@link #rule()} also rejects updates longer than the
 * policy's {@link org.fedledger.privacy.StepBound}: the policy builds the rule, the rule only
 * aggregates.
 *
 * @param ruleSpec the rule's spec in canonical form, e.g. {@code multi-krum:f=1,m=3}
 * @param privacy the differential-privacy policy, if the task has one, made {@link #canonical}
 * @param encrypted whether updates and aggregates go to IPFS encrypted for the task's
 *     participants ({@code encrypt=aes-256-gcm}; docs/privacy.md)
 */
public record TaskPolicy(String ruleSpec, Optional<DpPolicy> privacy, boolean encrypted) {
    /** Significant digits of a policy number. */
    public static final int DIGITS = 9;
    /** The one encryption a task can name. */
    public static final String ENCRYPTION = "aes-256-gcm";

    /**
     * Validates and canonicalizes: the spec as {@link AggregationRules#parse} writes it, the
     * privacy policy as a task can store it.
     *
     * @throws IllegalArgumentException naming the valid specs if {@code ruleSpec} is none of them
     */
    public TaskPolicy {
        ruleSpec = AggregationRules.parse(requireNonNull(ruleSpec, "ruleSpec == null")).spec();
        privacy = requireNonNull(privacy, "privacy == null").map(TaskPolicy::canonical);
    }

    /** The policy of a task with rule {@code ruleSpec}, without differential privacy or encryption. */
    public static TaskPolicy of(String ruleSpec) {
        return new TaskPolicy(ruleSpec, Optional.empty(), false);
    }

    /**
     * Reads the policy of a task from what it stores: its rules' {@code aggregationRule} id and
     * its metadata's {@code aggregationParams}.
     *
     * @throws TaskPolicyException if this version cannot apply it: an unknown rule id, parameters
     *     not valid for the rule, or a policy line that is malformed or unknown
     */
    public static TaskPolicy decode(int ruleId, byte[] aggregationParams) throws TaskPolicyException {
        requireNonNull(aggregationParams, "aggregationParams == null");
        try {
            PolicyText text = PolicyText.decode(aggregationParams);
            AggregationRule rule = AggregationRules.create(ruleId, text.ruleParams());
            return new TaskPolicy(rule.spec(), text.privacy(), text.encrypted());
        } catch (AggregationException | IllegalArgumentException e) {
            throw new TaskPolicyException(e.getMessage(), e);
        }
    }

    /**
     * The rule the task aggregates with: the rule its spec names, under a privacy policy also
     * screening updates by the policy's step bound ({@link AggregationRules#underPrivacy}).
     */
    public AggregationRule rule() {
        AggregationRule rule = AggregationRules.parse(ruleSpec);
        return privacy.map(p -> AggregationRules.underPrivacy(rule, p)).orElse(rule);
    }

    /** The id of the rule, as the task's rules store it. */
    public int ruleId() {
        return AggregationRules.parse(ruleSpec).ruleId();
    }

    /**
     * The bytes the task's metadata stores as {@code aggregationParams}: the rule's parameter
     * text alone for a task without privacy or encryption, as before policies existed.
     */
    public byte[] aggregationParams() {
        return new PolicyText(AggregationRules.parse(ruleSpec).params(), privacy, encrypted).bytes();
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

    /** The spec, then the policy lines a task stores after the parameters, e.g. {@code fedavg with dp=...}. */
    @Override
    public String toString() {
        String text = privacy.map(p -> ruleSpec + " with " + PolicyText.dpLine(p)).orElse(ruleSpec);
        return encrypted ? text + ", encrypt=" + ENCRYPTION : text;
    }
}
