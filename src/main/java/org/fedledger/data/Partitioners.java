package org.fedledger.data;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Makes the {@link Partitioner}s: {@code iid}, label skew by shards and Dirichlet label skew, as
 * used to study federated learning on non-IID data. {@link #parse} reads the spec strings a user
 * writes, and each {@code Partitioner}'s {@code toString()} gives its spec back.
 */
public final class Partitioners {
    /** The specs {@link #parse} accepts, for messages and help texts. */
    public static final String SPECS =
            "iid, label-skew:SHARDS (e.g. label-skew:2) or dirichlet:ALPHA (e.g. dirichlet:0.5)";

    private Partitioners() {}

    /** Shuffles the samples and deals them out in near-equal parts (sizes differ by at most 1). */
    public static Partitioner iid(long seed) {
        return new IidPartitioner(seed);
    }

    /**
     * Sorts the samples by label and deals out {@code shardsPerParticipant} contiguous shards to
     * each participant (McMahan et al. 2017), so each holds only a few classes.
     */
    public static Partitioner labelSkew(int shardsPerParticipant, long seed) {
        return new LabelSkewPartitioner(shardsPerParticipant, seed);
    }

    /**
     * Splits each class among the participants in proportions drawn from Dirichlet(alpha): small
     * alpha (0.1) gives each participant a few dominant classes, large alpha (100) is near IID.
     */
    public static Partitioner dirichlet(double alpha, long seed) {
        return new DirichletPartitioner(alpha, seed);
    }

    /**
     * Parses {@code iid}, {@code label-skew:SHARDS} or {@code dirichlet:ALPHA}.
     *
     * @throws IllegalArgumentException naming the valid specs if {@code spec} is none of them
     */
    public static Partitioner parse(String spec, long seed) {
        requireNonNull(spec, "spec == null");
        String trimmed = spec.strip();
        int colon = trimmed.indexOf(':');
        String kind = colon < 0 ? trimmed : trimmed.substring(0, colon);
        String argument = colon < 0 ? null : trimmed.substring(colon + 1).strip();
        try {
            switch (kind) {
                case "iid":
                    if (argument == null) {
                        return iid(seed);
                    }
                    break;
                case "label-skew":
                    if (argument != null && argument.matches("\\d{1,9}")) {
                        return labelSkew(Integer.parseInt(argument), seed);
                    }
                    break;
                case "dirichlet":
                    if (argument != null && argument.matches("(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
                        return dirichlet(Double.parseDouble(argument), seed);
                    }
                    break;
                default:
                    break;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad partition '" + spec + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unknown partition '" + spec + "': use " + SPECS);
    }

    static void check(Dataset data, int participants) {
        requireNonNull(data, "data == null");
        if (participants < 1 || participants > data.size()) {
            throw new IllegalArgumentException("participants must be in 1.." + data.size()
                    + " (the number of samples): " + participants);
        }
    }

    /** Returns each participant's samples, ascending, given the participant that owns each sample. */
    static List<int[]> byOwner(int[] owner, int participants) {
        return List.of(Sampling.byClass(owner, participants));
    }
}
