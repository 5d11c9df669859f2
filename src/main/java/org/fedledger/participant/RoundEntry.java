package org.fedledger.participant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;
import org.fedledger.storage.Cid;

/**
 * What a participant must remember about one round to finish it after a crash: the update it
 * committed to (CID, sample count, salt: the commitment's secret inputs, needed to reveal) and,
 * once computed, the outcome it voted for (needed to claim and to report rejected updates).
 *
 * @param update the CID of the committed update
 * @param numSamples the samples bonded behind it
 * @param salt the commitment's salt, 32 bytes in hex
 * @param outcome the outcome computed for the round, null until the vote phase
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoundEntry(String update, long numSamples, String salt, Outcome outcome) {
    public RoundEntry {
        Objects.requireNonNull(update, "update == null");
        Objects.requireNonNull(salt, "salt == null");
        Cid.parse(update);
        if (HexFormat.of().parseHex(salt).length != 32) {
            throw new IllegalArgumentException("salt must be 32 bytes");
        }
    }

    static RoundEntry of(Cid update, long numSamples, byte[] salt) {
        return new RoundEntry(update.toString(), numSamples, HexFormat.of().formatHex(salt), null);
    }

    Cid updateCid() {
        return Cid.parse(update);
    }

    byte[] saltBytes() {
        return HexFormat.of().parseHex(salt);
    }

    RoundEntry withOutcome(Outcome value) {
        return new RoundEntry(update, numSamples, salt, value);
    }

    /**
     * A round's outcome as this participant computed it: the aggregate's CID and the
     * contributions whose Merkle root it voted for. The tree is built once, when the outcome is
     * computed or read back from the state file; the file holds the aggregate and the leaves.
     */
    public static final class Outcome {
        private final String aggregate;
        private final List<Leaf> leaves;
        private final WeightsTree tree;

        @JsonCreator
        public Outcome(@JsonProperty("aggregate") String aggregate, @JsonProperty("leaves") List<Leaf> leaves) {
            this(aggregate, List.copyOf(leaves), new WeightsTree(leaves.stream()
                    .map(l -> new Contribution(l.participant(), l.accepted(), new BigInteger(l.weight()))).toList()));
        }

        private Outcome(String aggregate, List<Leaf> leaves, WeightsTree tree) {
            Objects.requireNonNull(aggregate, "aggregate == null");
            Cid.parse(aggregate);
            this.aggregate = aggregate;
            this.leaves = leaves;
            this.tree = tree;
        }

        /** The outcome that names {@code aggregate} and the contributions of {@code tree}. */
        public static Outcome of(Cid aggregate, WeightsTree tree) {
            return new Outcome(aggregate.toString(), tree.leaves().stream()
                    .map(c -> new Leaf(c.participant(), c.accepted(), c.weight().toString())).toList(), tree);
        }

        /** The outcome that names {@code aggregate} and these contributions. */
        public static Outcome of(Cid aggregate, List<Contribution> contributions) {
            return of(aggregate, new WeightsTree(contributions));
        }

        @JsonProperty("aggregate")
        public String aggregate() {
            return aggregate;
        }

        @JsonProperty("leaves")
        public List<Leaf> leaves() {
            return leaves;
        }

        /** The Merkle tree of the contributions, whose root is voted for. */
        @JsonIgnore
        public WeightsTree tree() {
            return tree;
        }

        @JsonIgnore
        public Cid aggregateCid() {
            return Cid.parse(aggregate);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && aggregate.equals(other.aggregate) && leaves.equals(other.leaves);
        }

        @Override
        public int hashCode() {
            return Objects.hash(aggregate, leaves);
        }

        @Override
        public String toString() {
            return "Outcome[aggregate=" + aggregate + ", leaves=" + leaves + "]";
        }
    }

    /** One contribution: weight as a decimal string (uint256). */
    public record Leaf(String participant, boolean accepted, String weight) {}
}
