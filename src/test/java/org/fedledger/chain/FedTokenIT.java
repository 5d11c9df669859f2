package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.fedledger.contracts.generated.FedToken;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.DefaultGasProvider;

/** The Solidity-to-wrapper pipeline end to end: deploy through a generated wrapper, read state and events back. */
@LocalServices
class FedTokenIT {
    private static final BigInteger AMOUNT = BigInteger.TEN.pow(21);

    @Test
    void deployedTokenMintsAndEmitsTransferThatTheChainKeeps(TestDevnet devnet) throws Exception {
        Credentials deployer = DevAccounts.account(0);
        Credentials holder = DevAccounts.account(1);
        try (Chain chain = devnet.connect()) {
            FedToken token = FedToken.deploy(chain.web3j(), chain.transactionManager(deployer),
                    new DefaultGasProvider(), "FedLedger Stake", "FLS").send();

            assertThat(token.name().send()).isEqualTo("FedLedger Stake");
            assertThat(token.owner().send()).isEqualToIgnoringCase(deployer.getAddress());
            assertThat(token.totalSupply().send()).isZero();

            TransactionReceipt receipt = token.mint(holder.getAddress(), AMOUNT).send();

            assertThat(receipt.isStatusOK()).isTrue();
            assertThat(token.balanceOf(holder.getAddress()).send()).isEqualTo(AMOUNT);
            List<FedToken.TransferEventResponse> events = FedToken.getTransferEvents(receipt);
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.from).isEqualTo("0x0000000000000000000000000000000000000000");
                assertThat(event.to).isEqualToIgnoringCase(holder.getAddress());
                assertThat(event.value).isEqualTo(AMOUNT);
            });

            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(receipt.getBlockNumber()),
                    DefaultBlockParameter.valueOf(receipt.getBlockNumber()), token.getContractAddress())
                    .addSingleTopic(EventEncoder.encode(FedToken.TRANSFER_EVENT));
            List<EthLog.LogResult> logs = chain.web3j().ethGetLogs(filter).send().getLogs();
            assertThat(logs).hasSize(1);
        }
    }

    @Test
    void onlyTheDeployerCanMint(TestDevnet devnet) throws Exception {
        try (Chain chain = devnet.connect()) {
            FedToken deployed = FedToken.deploy(chain.web3j(), chain.transactionManager(DevAccounts.account(0)),
                    new DefaultGasProvider(), "FedLedger Stake", "FLS").send();
            FedToken asStranger = FedToken.load(deployed.getContractAddress(), chain.web3j(),
                    chain.transactionManager(DevAccounts.account(2)), new DefaultGasProvider());

            String stranger = DevAccounts.account(2).getAddress();
            assertThatThrownBy(() -> asStranger.mint(stranger, AMOUNT).send())
                    .isInstanceOfSatisfying(ContractRevertException.class, e -> {
                        assertThat(e.errorName()).hasValue("OwnableUnauthorizedAccount");
                        assertThat(e.description()).hasValue("OwnableUnauthorizedAccount(" + stranger + ")");
                    });
            assertThat(deployed.totalSupply().send()).isZero();
        }
    }
}
