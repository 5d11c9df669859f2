package org.fedledger.participant;

import com.fasterxml.jackson.annotation.JsonInclude;
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
     * contributions whose Merkle root it voted for.
     */
    public record Outcome(String aggregate, List<Leaf> leaves) {
        public Outcome {
            Objects.requireNonNull(aggregate, "aggregate == null");
            Cid.parse(aggregate);
            leaves = List.copyOf(leaves);
        }

        /** The outcome that names {@code aggregate} and these contributions. */
        public static Outcome of(Cid aggregate, List<Contribution> contributions) {
            return new Outcome(aggregate.toString(), contributions.stream()
                    .map(c -> new Leaf(c.participant(), c.accepted(), c.weight().toString())).toList());
        }

        /** The Merkle tree of the contributions, whose root is voted for. */
        public WeightsTree tree() {
            return new WeightsTree(leaves.stream()
                    .map(l -> new Contribution(l.participant(), l.accepted(), new BigInteger(l.weight()))).toList());
        }

        public Cid aggregateCid() {
            return Cid.parse(aggregate);
        }
    }

    /** One contribution: weight as a decimal string (uint256). */
    public record Leaf(String participant, boolean accepted, String weight) {}
}
