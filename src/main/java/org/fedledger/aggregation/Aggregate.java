package org.fedledger.aggregation;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;

/**
 * What an aggregation rule makes of a round: the new global weights and one {@link Contribution}
 * for every participant that revealed, accepted or not, with the reason for each rejection.
 * Every honest participant computes the same aggregate, bit for bit, so they publish the same
 * weight file and vote for the same {@link #weightsTree()} root.
 *
 * <p>Contribution weight: an accepted update weighs {@code numSamples x agreement} (see
 * {@code ScreenedRule}), a rejected or failed one 0, so the reward is shared by the data bonded
 * behind the accepted updates and by how well each agrees with the aggregate. A rule may also
 * leave a valid update out of the average (accepted, weight 0).
 *
 * <p>The weights array is shared, not copied.
 *
 * @param newWeights the new global model weights
 * @param contributions one per revealed participant, sorted by address
 * @param rejections the reason for each contribution that is not accepted, sorted by address
 */
public record Aggregate(float[] newWeights, List<Contribution> contributions, List<Failure> rejections) {
    public Aggregate {
        requireNonNull(newWeights, "newWeights == null");
        contributions = sorted(contributions, Contribution::participant);
        rejections = sorted(rejections, Failure::participant);
        Set<String> rejected = new TreeSet<>();
        for (Contribution c : contributions) {
            if (!c.accepted()) {
                if (c.weight().signum() != 0) {
                    throw new IllegalArgumentException("rejected " + c.participant() + " must weigh 0");
                }
                rejected.add(c.participant());
            }
        }
        List<String> reasoned = rejections.stream().map(Failure::participant).toList();
        if (!reasoned.equals(List.copyOf(rejected))) {
            throw new IllegalArgumentException("rejections " + reasoned + " do not match the rejected contributions "
                    + rejected);
        }
    }

    private static <T> List<T> sorted(List<T> list, Function<T, String> participant) {
        requireNonNull(list, "list == null");
        List<T> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing(participant));
        for (int i = 1; i < copy.size(); i++) {
            if (participant.apply(copy.get(i)).equals(participant.apply(copy.get(i - 1)))) {
                throw new IllegalArgumentException("two entries for " + participant.apply(copy.get(i)));
            }
        }
        return List.copyOf(copy);
    }

    /** The participants that earn a share of the round's reward (accepted, weight above 0), sorted by address. */
    public List<String> selected() {
        return contributions.stream().filter(c -> c.accepted() && c.weight().signum() > 0)
                .map(Contribution::participant).toList();
    }

    /** The participants whose updates the rule accepted as valid (some may weigh 0), sorted by address. */
    public List<String> accepted() {
        return contributions.stream().filter(Contribution::accepted).map(Contribution::participant).toList();
    }

    /** The sum of all contribution weights, the outcome's {@code totalWeight}. */
    public BigInteger totalWeight() {
        return contributions.stream().map(Contribution::weight).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** The Merkle tree of the contributions, whose root the participants vote on. */
    public WeightsTree weightsTree() {
        return new WeightsTree(contributions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Aggregate other
                && Arrays.equals(newWeights, other.newWeights)
                && contributions.equals(other.contributions)
                && rejections.equals(other.rejections);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(newWeights) * 31 + contributions.hashCode()) * 31 + rejections.hashCode();
    }

    @Override
    public String toString() {
        return "Aggregate[" + newWeights.length + " weights, accepted " + accepted() + ", rejected " + rejections + "]";
    }
}
