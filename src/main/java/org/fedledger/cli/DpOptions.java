package org.fedledger.cli;

import java.math.BigDecimal;
import java.util.Optional;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.task.TaskPolicy;
import picocli.CommandLine.Option;

/**
 * {@code fl task create}'s differential-privacy options: a budget (epsilon at delta) and a clip
 * norm, from which the noise multiplier for the task's rounds follows, or an explicit noise
 * multiplier that the budget must cover. Mistakes end in one line that says what to pass.
 */
final class DpOptions {
    /** The largest delta accepted: delta should be far below 1 / participants. */
    static final double MAX_DELTA = 1e-3;

    @Option(names = "--dp-epsilon", paramLabel = "E", description = "Differential privacy: each participant's "
            + "epsilon budget for the whole task; turns on clipping and noise (needs --dp-delta and --dp-clip).")
    String epsilon;

    @Option(names = "--dp-delta", paramLabel = "D", description = "Differential privacy: the delta of the guarantee,"
            + " at most " + MAX_DELTA + " and below 1/participants (e.g. 1e-5).")
    String delta;

    @Option(names = "--dp-clip", paramLabel = "C", description = "Differential privacy: the L2 norm each "
            + "participant's step is clipped to (e.g. 1 for the mlp model).")
    String clip;

    @Option(names = "--dp-noise", paramLabel = "Z", description = "Differential privacy: the noise multiplier "
            + "(noise standard deviation over the clip norm); default: the least for which --rounds fit in the budget.")
    String noise;

    /**
     * The policy for a task of {@code rounds} rounds, canonical as the task will store it, or
     * empty if no option was given.
     *
     * @throws Failures.UserException naming the option to fix
     */
    Optional<DpPolicy> policy(int rounds) {
        if (epsilon == null && delta == null && clip == null && noise == null) {
            return Optional.empty();
        }
        if (epsilon == null || delta == null || clip == null) {
            throw new Failures.UserException("differential privacy needs --dp-epsilon, --dp-delta and --dp-clip "
                    + "together, e.g. --dp-epsilon 10 --dp-delta 1e-5 --dp-clip 1");
        }
        if (rounds < 1) {
            throw new Failures.UserException("differential privacy needs --rounds of at least 1, not " + rounds);
        }
        double e = positive("--dp-epsilon", epsilon);
        double d = positive("--dp-delta", delta);
        double c = positive("--dp-clip", clip);
        if (d > MAX_DELTA) {
            throw new Failures.UserException("--dp-delta " + delta + " is too large to protect anyone: use at most "
                    + MAX_DELTA + " and below 1/participants, e.g. 1e-5");
        }
        if (noise == null) {
            return Optional.of(TaskPolicy.canonical(DpPolicy.forBudget(c, e, d, rounds)));
        }
        DpPolicy policy = new DpPolicy(c, positive("--dp-noise", noise), d, e);
        long fits = policy.roundsWithinBudget();
        if (fits < rounds) {
            double least = TaskPolicy.canonical(DpPolicy.forBudget(c, e, d, rounds)).noiseMultiplier();
            throw new Failures.UserException("--dp-noise " + noise + " spends epsilon "
                    + TaskPolicy.format(policy.spentAfter(rounds).epsilon()) + " in " + rounds
                    + " rounds, over --dp-epsilon " + epsilon + ", which covers " + fits + ": raise --dp-noise to "
                    + TaskPolicy.format(least) + " or more, raise --dp-epsilon, or lower --rounds to " + fits);
        }
        return Optional.of(policy);
    }

    /** A positive decimal of at most {@link TaskPolicy#DIGITS} significant digits, such as 10, 0.5 or 1e-5. */
    private static double positive(String option, String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new Failures.UserException(option + " '" + text + "' is not a number: use a decimal such as 10, "
                    + "0.5 or 1e-5");
        }
        if (value.signum() <= 0 || value.compareTo(new BigDecimal("1e12")) > 0) {
            throw new Failures.UserException(option + " must be positive and at most 1e12, not " + text);
        }
        if (value.stripTrailingZeros().precision() > TaskPolicy.DIGITS) {
            throw new Failures.UserException(option + " " + text + " has more than " + TaskPolicy.DIGITS
                    + " significant digits: round it");
        }
        return value.doubleValue();
    }
}
