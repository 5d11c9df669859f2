package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.TaskRules;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class FactoryRefusalsTest {
    private static final TaskRules OK = TaskRules.defaults("0x5b1869d9a4c187f2eaa108f3062412ecf0526b24", 5);

    /** The revert data of the factory's error {@code signature} with uint256 arguments {@code args}. */
    private static ContractRevertException revert(String signature, long... args) {
        StringBuilder data = new StringBuilder(Hash.sha3String(signature).substring(0, 10));
        for (long arg : args) {
            data.append(Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(arg), 64));
        }
        return new ContractRevertException("transaction to 0xfactory", data.toString());
    }

    @Test
    void aRefusedRuleNamesTheFlagThatSetIt() {
        assertThat(FactoryRefusals.explained(revert("TaskFactoryInvalidQuorum(uint256)", 4_000),
                OK.toBuilder().quorumBps(4_000).build()))
                .isInstanceOf(Failures.UserException.class)
                .hasMessage("--quorum must be between 5001 and 10000, not 4000");
        assertThat(FactoryRefusals.explained(revert("TaskFactoryInvalidRoundCount(uint256)", 0), OK.toBuilder()
                .numRounds(0).build())).hasMessage("--rounds must be between 1 and 16777214, not 0");
        assertThat(FactoryRefusals.explained(revert("TaskFactoryInvalidDuration()"), OK.toBuilder()
                .phases(Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(60)).build()))
                .hasMessageStartingWith("--commit, --reveal and --vote must be 1 to 31536000 seconds (365 days)")
                .hasMessageEndingWith("got 60, 0, 60, 60 and 600");
    }

    @Test
    void aRefusedFractionNamesTheFlagsWithThatValue() {
        TaskRules rules = OK.toBuilder().slashBps(1_000, 10_001, 1_000, 500).build();

        assertThat(FactoryRefusals.explained(revert("TaskFactoryInvalidBps(uint256)", 10_001), rules))
                .hasMessage("--slash-rejected must be between 0 and 10000 (basis points), not 10001");
    }

    @Test
    void anotherRevertIsLeftAsItIs() {
        ContractRevertException cid = revert("TaskFactoryDeploymentFailed()");

        assertThat(FactoryRefusals.explained(cid, OK)).isSameAs(cid);
    }

    @Test
    void aValueNoTransactionCanCarryIsRefusedBeforeSending() {
        assertThatCode(() -> FactoryRefusals.checkEncodable(OK.toBuilder().quorumBps(4_000).build()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> FactoryRefusals.checkEncodable(OK.toBuilder().missTolerance(70_000).build()))
                .hasMessage("--miss-tolerance 70000 is above 65535, the most the task contract stores");
        assertThatThrownBy(() -> FactoryRefusals.checkEncodable(OK.toBuilder().numRounds(-1).build()))
                .hasMessage("--rounds -1 is negative");
        assertThatThrownBy(() -> FactoryRefusals.checkEncodable(OK.toBuilder()
                .minStake(BigInteger.ONE.shiftLeft(96)).build()))
                .hasMessage("--min-stake is above 2^96 - 1 token units, the most the task contract stores");
    }
}
