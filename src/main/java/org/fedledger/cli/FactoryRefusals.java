package org.fedledger.cli;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.TaskRules;

/**
 * What {@code fl task create} says when the task factory refuses a task's rules: the factory's
 * named custom error ({@code ITaskFactory}) turned into one line naming the flag to fix. The
 * factory's validation is the one source of the limits; these lines only restate them. Before
 * that, {@link #checkEncodable} refuses values no transaction can carry (a negative count, a
 * number wider than its Solidity field), which the factory never sees.
 */
final class FactoryRefusals {
    /** A numeric flag, the width of the {@code TaskRules} field it sets, and its value there. */
    private record Flag(String name, int bits, ToLongFunction<TaskRules> value) {}

    private static final List<Flag> FLAGS = List.of(
            new Flag("--rounds", 32, TaskRules::numRounds),
            new Flag("--sample-cap", 64, TaskRules::sampleCap),
            new Flag("--registration", 32, t -> t.registration().toSeconds()),
            new Flag("--commit", 32, t -> t.commit().toSeconds()),
            new Flag("--reveal", 32, t -> t.reveal().toSeconds()),
            new Flag("--vote", 32, t -> t.vote().toSeconds()),
            new Flag("--leave-cooldown", 32, t -> t.leaveCooldown().toSeconds()),
            new Flag("--quorum", 16, TaskRules::quorumBps),
            new Flag("--min-revealers", 32, TaskRules::minRevealers),
            new Flag("--miss-tolerance", 16, TaskRules::missTolerance),
            new Flag("--slash-no-reveal", 16, TaskRules::noRevealSlashBps),
            new Flag("--slash-rejected", 16, TaskRules::rejectedSlashBps),
            new Flag("--slash-wrong-vote", 16, TaskRules::wrongVoteSlashBps),
            new Flag("--slash-missed-rounds", 16, TaskRules::missedRoundsSlashBps),
            new Flag("--reporter-bounty", 16, TaskRules::reporterBountyBps));
    /** The flags whose values the factory checks with {@code TaskFactoryInvalidBps(bps)}. */
    private static final List<String> BPS_FLAGS = List.of("--slash-no-reveal", "--slash-rejected",
            "--slash-wrong-vote", "--slash-missed-rounds", "--reporter-bounty");
    /** Stake amounts are uint96. */
    private static final int AMOUNT_BITS = 96;

    /** The factory's refusals of rules, by error name: the line to show, given the rules sent. */
    private static final Map<String, Function<TaskRules, String>> RULES = Map.of(
            "TaskFactoryInvalidRoundCount", t -> "--rounds must be between 1 and 16777214, not " + t.numRounds(),
            "TaskFactoryInvalidDuration", t -> "--commit, --reveal and --vote must be 1 to 31536000 seconds (365 days), "
                    + "--registration and --leave-cooldown 0 to 31536000; got " + t.commit().toSeconds() + ", "
                    + t.reveal().toSeconds() + ", " + t.vote().toSeconds() + ", " + t.registration().toSeconds()
                    + " and " + t.leaveCooldown().toSeconds(),
            "TaskFactoryInvalidQuorum", t -> "--quorum must be between 5001 and 10000, not " + t.quorumBps(),
            "TaskFactoryInvalidMinStake", t -> "--min-stake must be above 0",
            "TaskFactoryInvalidSampleCap", t -> "--sample-cap must be at least 1, not " + t.sampleCap(),
            "TaskFactoryInvalidMinRevealers", t -> "--min-revealers must be at least 1, not " + t.minRevealers(),
            "TaskFactoryInvalidToken", t -> "--token must be a token's address, not the zero address");

    private FactoryRefusals() {}

    /**
     * Refuses, naming the flag, a value that does not fit its field of the factory's
     * {@code TaskRules}: such a task cannot even be sent.
     *
     * @throws Failures.UserException naming the first such flag
     */
    static void checkEncodable(TaskRules t) {
        for (Flag flag : FLAGS) {
            long max = flag.bits() == 64 ? Long.MAX_VALUE : (1L << flag.bits()) - 1;
            long value = flag.value().applyAsLong(t);
            if (value < 0) {
                throw new Failures.UserException(flag.name() + " " + value + " is negative");
            }
            if (value > max) {
                throw new Failures.UserException(flag.name() + " " + value + " is above " + max
                        + ", the most the task contract stores");
            }
        }
        amount("--min-stake", t.minStake());
        amount("--stake-per-sample", t.stakePerSample());
    }

    private static void amount(String flag, BigInteger value) {
        if (value.bitLength() > AMOUNT_BITS) {
            throw new Failures.UserException(flag + " is above 2^" + AMOUNT_BITS
                    + " - 1 token units, the most the task contract stores");
        }
    }

    /**
     * What to throw for the revert {@code e} of creating a task with {@code rules}: if it is the
     * factory's refusal of the rules or the pool, a {@link Failures.UserException} whose line
     * names the flag to fix; else {@code e} itself.
     */
    static RuntimeException explained(ContractRevertException e, TaskRules rules) {
        return line(e, rules).<RuntimeException>map(Failures.UserException::new).orElse(e);
    }

    private static Optional<String> line(ContractRevertException e, TaskRules rules) {
        String name = e.errorName().orElse("");
        if (name.equals("TaskFactoryInvalidBps")) {
            long bps = Long.parseLong(argument(e));
            String flags = FLAGS.stream().filter(f -> BPS_FLAGS.contains(f.name()))
                    .filter(f -> f.value().applyAsLong(rules) == bps).map(Flag::name)
                    .collect(Collectors.joining(" and "));
            return Optional.of((flags.isEmpty() ? String.join(", ", BPS_FLAGS) : flags)
                    + " must be between 0 and 10000 (basis points), not " + bps);
        }
        if (name.equals("TaskFactoryPoolTooLarge")) {
            return Optional.of("--pool must be below 2^96 token units, not " + argument(e));
        }
        return Optional.ofNullable(RULES.get(name)).map(message -> message.apply(rules));
    }

    /** The one argument of the decoded error, e.g. {@code 10001} of {@code TaskFactoryInvalidBps(10001)}. */
    private static String argument(ContractRevertException e) {
        String description = e.description().orElseThrow();
        return description.substring(description.indexOf('(') + 1, description.lastIndexOf(')')).strip();
    }
}
