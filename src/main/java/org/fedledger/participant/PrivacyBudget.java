package org.fedledger.participant;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.privacy.PrivacySpent;
import org.fedledger.privacy.UpdatePrivatizer;
import org.fedledger.task.TaskPolicy;

/**
 * A participant's side of a task's differential-privacy policy: it privatizes each trained
 * update before it is published and says when the next one would spend more than the budget.
 *
 * <p>A round counts once this participant produced a noisy update for it (its state file has the
 * round), whether or not the commitment then landed: an update that might have been seen counts,
 * and a round's update is made once and reused after a restart, never noised again.
 */
final class PrivacyBudget {
    private final DpPolicy policy;
    private final UpdatePrivatizer privatizer;
    private final long roundsWithinBudget;

    PrivacyBudget(DpPolicy policy) {
        this(policy, new UpdatePrivatizer(policy));
    }

    /** With {@code random} for the noise: tests only. */
    PrivacyBudget(DpPolicy policy, Random random) {
        this(policy, new UpdatePrivatizer(policy, random));
    }

    private PrivacyBudget(DpPolicy policy, UpdatePrivatizer privatizer) {
        this.policy = requireNonNull(policy, "policy == null");
        this.privatizer = privatizer;
        this.roundsWithinBudget = policy.roundsWithinBudget();
    }

    DpPolicy policy() {
        return policy;
    }

    /** How many updates the budget allows in all. */
    long roundsWithinBudget() {
        return roundsWithinBudget;
    }

    /** The updates produced for rounds before {@code round}, of the {@code produced} rounds. */
    static long producedBefore(Set<Long> produced, long round) {
        return produced.stream().filter(r -> r < round).count();
    }

    /** Whether an update for {@code round} stays within the budget, given the rounds updates were produced for. */
    boolean allows(Set<Long> produced, long round) {
        return produced.contains(round) || producedBefore(produced, round) < roundsWithinBudget;
    }

    /** Whether the update just produced for {@code round} was the last the budget allows. */
    boolean spentWith(Set<Long> produced, long round) {
        return producedBefore(produced, round + 1) >= roundsWithinBudget;
    }

    /** {@code global + clip(local - global, C) + noise}. */
    float[] privatize(float[] global, float[] local) {
        return privatizer.privatize(global, local);
    }

    /** What {@code updates} published updates have spent, for a log line. */
    String spent(long updates) {
        PrivacySpent spent = policy.spentAfter(updates);
        return String.format(Locale.ROOT, "%d update%s published, epsilon %.4g of %s at delta %s", updates,
                updates == 1 ? "" : "s", spent.epsilon(), TaskPolicy.format(policy.epsilonBudget()),
                TaskPolicy.format(policy.delta()));
    }
}
