package org.fedledger.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class WeightsTreeTest {
    private static String address(int i) {
        return String.format("0x%040x", 0x1000 + i * 7919L);
    }

    private static List<Contribution> contributions(int n) {
        List<Contribution> list = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) { // deliberately unsorted
            list.add(new Contribution(address(i), i % 3 != 0, i % 3 != 0 ? 100 + i : 0));
        }
        return list;
    }

    @Test
    void leafIsTheDoubleKeccakOfTheAbiEncodedTriple() {
        Contribution c = new Contribution("0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1", true, 1000);
        String encoded = "00000000000000000000000090f8bf6a479f320ead074411a4b0e7944ea8c9c1"
                + "0000000000000000000000000000000000000000000000000000000000000001"
                + "00000000000000000000000000000000000000000000000000000000000003e8";
        byte[] expected = Hash.sha3(Hash.sha3(Numeric.hexStringToByteArray(encoded)));
        assertThat(WeightsTree.leafHash(c)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 10, 17, 50})
    void everyLeafProvesAgainstTheRootAndNoForgedLeafDoes(int n) {
        WeightsTree tree = new WeightsTree(contributions(n));
        for (Contribution c : tree.leaves()) {
            List<byte[]> proof = tree.proof(c.participant());
            assertThat(WeightsTree.verify(proof, tree.root(), WeightsTree.leafHash(c))).isTrue();
            Contribution forged = new Contribution(c.participant(), true, c.weight().add(BigInteger.ONE));
            assertThat(WeightsTree.verify(proof, tree.root(), WeightsTree.leafHash(forged))).isFalse();
            assertThat(proof.size()).isLessThanOrEqualTo(32 - Integer.numberOfLeadingZeros(n));
        }
    }

    @Test
    void rootDoesNotDependOnInputOrder() {
        List<Contribution> list = contributions(9);
        List<Contribution> reversed = new ArrayList<>(list);
        java.util.Collections.reverse(reversed);
        assertThat(new WeightsTree(list).root()).isEqualTo(new WeightsTree(reversed).root());
    }

    @Test
    void singleLeafIsTheRootAndEmptyTreeIsZero() {
        Contribution only = new Contribution(address(1), true, 5);
        WeightsTree tree = new WeightsTree(List.of(only));
        assertThat(tree.root()).isEqualTo(WeightsTree.leafHash(only));
        assertThat(tree.proof(only.participant())).isEmpty();
        assertThat(new WeightsTree(List.of()).root()).isEqualTo(new byte[32]);
    }

    @Test
    void totalWeightSumsAllLeaves() {
        assertThat(new WeightsTree(contributions(4)).totalWeight()).isEqualTo(BigInteger.valueOf(101 + 102));
    }

    @Test
    void duplicateParticipantsAreRefused() {
        assertThatThrownBy(() -> new WeightsTree(List.of(new Contribution(address(1), true, 1),
                new Contribution(address(1).toUpperCase().replace("0X", "0x"), true, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two contributions");
    }
}
