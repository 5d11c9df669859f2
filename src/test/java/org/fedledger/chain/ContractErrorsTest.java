package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContractErrorsTest {
    // OwnableUnauthorizedAccount(address) from OpenZeppelin, in FedToken's ABI.
    private static final String UNAUTHORIZED = "0x118cdaa7"
            + "00000000000000000000000022d491bde2303f2f43325b2108d26f1eaba1e32b";

    @Test
    void decodesACustomErrorOfTheProjectsContractsWithItsArguments() {
        assertThat(ContractErrors.describe(UNAUTHORIZED))
                .hasValue("OwnableUnauthorizedAccount(0x22d491bde2303f2f43325b2108d26f1eaba1e32b)");
        assertThat(ContractErrors.name(UNAUTHORIZED)).hasValue("OwnableUnauthorizedAccount");
    }

    @Test
    void decodesSolidityRequireStringsAndPanics() {
        String error = "0x08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020"
                + "0000000000000000000000000000000000000000000000000000000000000003" + "626164"
                + "0000000000000000000000000000000000000000000000000000000000";
        assertThat(ContractErrors.describe(error)).hasValue("Error(bad)");
        assertThat(ContractErrors.describe("0x4e487b71" + "0000000000000000000000000000000000000000000000000000000000000011"))
                .hasValue("Panic(17)");
    }

    @Test
    void unknownOrEmptyDataDecodesToNothing() {
        assertThat(ContractErrors.describe("0xdeadbeef")).isEmpty();
        assertThat(ContractErrors.describe("0x")).isEmpty();
        assertThat(ContractErrors.describe(null)).isEmpty();
    }

    @Test
    void findsRevertDataInEachNodesErrorShape() {
        assertThat(SimulatingTransactionManager.revertData(UNAUTHORIZED))
                .isEqualTo(UNAUTHORIZED);
        String ganache = "{\"hash\":\"0x1\",\"programCounter\":12,\"result\":\"" + UNAUTHORIZED + "\",\"reason\":null,\"message\":\"revert\"}";
        assertThat(SimulatingTransactionManager.revertData(ganache))
                .isEqualTo(UNAUTHORIZED);
        assertThat(SimulatingTransactionManager.revertData((String) null))
                .isEqualTo("0x");
    }

    @Test
    void revertExceptionNamesTheError() {
        ContractRevertException e = new ContractRevertException("transaction to 0xabc", UNAUTHORIZED);
        assertThat(e).hasMessage("transaction to 0xabc reverted: OwnableUnauthorizedAccount(0x22d491bde2303f2f43325b2108d26f1eaba1e32b)");
        assertThat(new ContractRevertException("call", "0x")).hasMessage("call reverted: no reason given");
    }
}
