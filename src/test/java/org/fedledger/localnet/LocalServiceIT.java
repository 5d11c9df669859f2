package org.fedledger.localnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.contracts.generated.FedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.gas.DefaultGasProvider;

/** Starting, checking and stopping the devnet process, and what users see when it goes wrong. */
class LocalServiceIT {
    @TempDir
    Path dir;

    @Test
    void devnetStartsOnLoopbackAnswersAndLeavesNoProcessWhenStopped() throws Exception {
        LocalService devnet = LocalService.startDevnet(0, null, dir, false);
        long pid = devnet.pid();
        try {
            assertThat(devnet.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(devnet.healthy()).isTrue();
            assertThat(LocalService.attach(LocalService.Kind.DEVNET, dir)).hasValueSatisfying(s -> assertThat(s.pid()).isEqualTo(pid));
        } finally {
            devnet.close();
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(LocalService.attach(LocalService.Kind.DEVNET, dir)).isEmpty();
    }

    @Test
    void portInUseIsReportedWithThePortAndTheOptionToChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> LocalService.startDevnet(port, null, dir, false))
                    .isInstanceOf(LocalnetException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is in use: stop what uses it, or pass --rpc-port"
                            + " with another port (0 picks a free one)");
        }
        assertThat(LocalService.attach(LocalService.Kind.DEVNET, dir)).isEmpty();
    }

    @Test
    void chainStateSurvivesARestartWithAStateDirectory() throws Exception {
        Path state = dir.resolve("chain");
        String address;
        try (LocalService devnet = LocalService.startDevnet(0, state, dir, false);
             Chain chain = Chain.connect(devnet.url(), 1337L)) {
            address = FedToken.deploy(chain.web3j(), chain.transactionManager(DevAccounts.account(0)),
                    new DefaultGasProvider(), "Kept", "KPT").send().getContractAddress();
        }
        try (LocalService devnet = LocalService.startDevnet(0, state, dir, false);
             Chain chain = Chain.connect(devnet.url(), 1337L)) {
            String code = chain.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
            assertThat(code).hasSizeGreaterThan(2);
            FedToken token = FedToken.load(address, chain.web3j(), chain.transactionManager(DevAccounts.account(0)),
                    new DefaultGasProvider());
            assertThat(token.symbol().send()).isEqualTo("KPT");
            assertThat(token.totalSupply().send()).isEqualTo(BigInteger.ZERO);
        }
    }

    @Test
    void wrongChainIdIsRefusedWithBothIds() throws Exception {
        try (LocalService devnet = LocalService.startDevnet(0, null, dir, false)) {
            assertThatThrownBy(() -> Chain.connect(devnet.url(), 1L))
                    .isInstanceOf(ChainException.class)
                    .hasMessageContaining("is on chain 1337, not chain 1");
        }
    }

    @Test
    void unreachableRpcUrlIsOneLineNamingTheUrl() throws Exception {
        int port = Ports.free();
        assertThatThrownBy(() -> Chain.connect(java.net.URI.create("http://127.0.0.1:" + port), null))
                .isInstanceOf(ChainException.class)
                .hasMessageStartingWith("Ethereum RPC at http://127.0.0.1:" + port + " is unreachable")
                .hasMessageContaining("--rpc-url")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
