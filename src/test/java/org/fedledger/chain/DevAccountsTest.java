package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DevAccountsTest {
    @Test
    void derivesGanachesDeterministicAccounts() {
        // The addresses Ganache prints for --wallet.deterministic (test-chain/README.md).
        assertThat(DevAccounts.account(0).getAddress()).isEqualToIgnoringCase("0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1");
        assertThat(DevAccounts.account(1).getAddress()).isEqualToIgnoringCase("0xFFcf8FDEE72ac11b5c542428B35EEF5769C409f0");
        assertThat(DevAccounts.account(19).getAddress()).isEqualToIgnoringCase("0x3fD652C93dFA333979ad762Cf581Df89BaBa6795");
    }

    @Test
    void listsDistinctAccountsInOrder() {
        assertThat(DevAccounts.accounts(5)).extracting(c -> c.getAddress()).doesNotHaveDuplicates()
                .first().isEqualTo(DevAccounts.account(0).getAddress());
    }
}
