package org.fedledger.outcome;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * The Merkle tree over a round's {@link Contribution}s whose root participants vote on and
 * against which the task contract checks reward claims and rejected-update slashes.
 *
 * <p>Exactly as the contract expects (OpenZeppelin {@code MerkleProof}, "standard" leaves):
 * leaf = {@code keccak256(bytes.concat(keccak256(abi.encode(address, bool, uint256))))}; leaves in
 * ascending order of address; each level pairs neighbours and hashes the pair in sorted order
 * ({@code keccak256(min || max)}); an odd last node moves up unchanged, so its proof simply has
 * no sibling at that level. One leaf: the root is the leaf. No leaves: the root is zero.
 */
public final class WeightsTree {
    private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

    private final List<Contribution> leaves;
    private final List<byte[][]> levels = new ArrayList<>();

    public WeightsTree(List<Contribution> contributions) {
        List<Contribution> sorted = new ArrayList<>(contributions);
        sorted.sort(Comparator.comparing(Contribution::addressBytes, UNSIGNED));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).participant().equals(sorted.get(i - 1).participant())) {
                throw new IllegalArgumentException("two contributions of " + sorted.get(i).participant());
            }
        }
        this.leaves = List.copyOf(sorted);
        byte[][] level = new byte[leaves.size()][];
        for (int i = 0; i < level.length; i++) {
            level[i] = leafHash(leaves.get(i));
        }
        levels.add(level);
        while (level.length > 1) {
            byte[][] next = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < next.length; i++) {
                next[i] = 2 * i + 1 < level.length ? hashPair(level[2 * i], level[2 * i + 1]) : level[2 * i];
            }
            levels.add(next);
            level = next;
        }
    }

    /** The leaf hash of one contribution. */
    public static byte[] leafHash(Contribution c) {
        byte[] encoded = new byte[96];
        byte[] address = c.addressBytes();
        System.arraycopy(address, 0, encoded, 32 - address.length, address.length);
        encoded[63] = (byte) (c.accepted() ? 1 : 0);
        byte[] weight = c.weight().toByteArray();
        int skip = weight.length > 32 ? weight.length - 32 : 0; // a leading sign byte of a 256-bit value
        System.arraycopy(weight, skip, encoded, 96 - (weight.length - skip), weight.length - skip);
        return Hash.sha3(Hash.sha3(encoded));
    }

    private static byte[] hashPair(byte[] a, byte[] b) {
        byte[] joined = new byte[64];
        boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
        System.arraycopy(aFirst ? a : b, 0, joined, 0, 32);
        System.arraycopy(aFirst ? b : a, 0, joined, 32, 32);
        return Hash.sha3(joined);
    }

    /** The root (32 bytes; all zero for an empty tree). */
    public byte[] root() {
        byte[][] top = levels.get(levels.size() - 1);
        return top.length == 0 ? new byte[32] : top[0].clone();
    }

    /** The contributions in leaf order (ascending address). */
    public List<Contribution> leaves() {
        return leaves;
    }

    /** The sum of all weights, the outcome's {@code totalWeight}. */
    public BigInteger totalWeight() {
        return leaves.stream().map(Contribution::weight).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** The proof for {@code participant}'s leaf, bottom-up sibling hashes. */
    public List<byte[]> proof(String participant) {
        int index = indexOf(participant);
        List<byte[]> proof = new ArrayList<>();
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            byte[][] level = levels.get(depth);
            int sibling = index ^ 1;
            if (sibling < level.length) {
                proof.add(level[sibling].clone());
            }
            index /= 2;
        }
        return proof;
    }

    /** The contribution recorded for {@code participant}. */
    public Contribution contributionOf(String participant) {
        return leaves.get(indexOf(participant));
    }

    private int indexOf(String participant) {
        String wanted = participant.toLowerCase();
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i).participant().equals(wanted)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no leaf for " + participant);
    }

    /** Verifies a proof the way OpenZeppelin's MerkleProof.verify does. */
    public static boolean verify(List<byte[]> proof, byte[] root, byte[] leaf) {
        byte[] hash = leaf;
        for (byte[] sibling : proof) {
            hash = hashPair(hash, sibling);
        }
        return Arrays.equals(hash, root);
    }
}
