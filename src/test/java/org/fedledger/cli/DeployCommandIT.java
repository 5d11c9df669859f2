package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskContracts;
import org.fedledger.deploy.Deployment;
import org.fedledger.keys.Keys;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fl deploy} on the test devnet: the contracts land on the chain, the deployment file
 * records them, and each mistake (wrong chain, unreachable node, bad password, an existing file,
 * a config file that points elsewhere) ends in one line and its exit code.
 */
@LocalServices
class DeployCommandIT {
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private Run fl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run deploy(TestDevnet devnet, String... more) {
        List<String> args = new ArrayList<>(List.of("deploy", "--data-dir", dir.toString(), "--rpc-url",
                devnet.rpcUrl().toString()));
        args.addAll(List.of(more));
        return fl(args.toArray(String[]::new));
    }

    private static void assertOneLineFailure(Run run, int code, String message) {
        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isEqualTo(code);
        assertThat(run.err()).hasLineCount(1).startsWith("fl: ").contains(message).doesNotContain("Exception");
    }

    @Test
    void deployWritesTheFactoryTokenChainAndBlockAndMints(TestDevnet devnet) throws Exception {
        Run run = deploy(devnet, "--mint", "deployer:5000", "--mint", "dev:2:12.5");

        assertThat(run.code()).as("stderr: %s", run.err()).isZero();
        Deployment d = Deployment.read(dir.resolve("deployment.json"));
        String deployer = DevAccounts.account(0).getAddress();
        assertThat(d.chainId()).isEqualTo(devnet.chainId());
        assertThat(d.rpcUrl()).isEqualTo(devnet.rpcUrl().toString());
        assertThat(d.deployer()).isEqualTo(deployer);
        assertThat(run.out()).contains(d.factory(), d.token(), "FLT (new FedToken)", "minted   5000 FLT to " + deployer);
        try (Chain chain = devnet.connect()) {
            TaskContracts contracts = new TaskContracts(chain, DevAccounts.account(0));
            assertThat(contracts.hasCode(d.factory())).isTrue();
            assertThat(contracts.taskCount(d.factory())).isZero();
            assertThat(contracts.tokenInfo(d.token())).isEqualTo(new TaskContracts.TokenInfo("FLT", 18));
            assertThat(contracts.tokenOwner(d.token())).hasValueSatisfying(o -> assertThat(o).isEqualToIgnoringCase(deployer));
            assertThat(contracts.balanceOf(d.token(), deployer)).isEqualTo(TOKEN.multiply(BigInteger.valueOf(5000)));
            assertThat(contracts.balanceOf(d.token(), DevAccounts.account(2).getAddress()))
                    .isEqualTo(TOKEN.multiply(BigInteger.valueOf(125)).divide(BigInteger.TEN));
            assertThat(d.block()).isPositive().isLessThanOrEqualTo(chain.blockNumber());
            assertThat(chain.web3j().ethGetCode(d.factory(), org.web3j.protocol.core.DefaultBlockParameter
                    .valueOf(d.block().subtract(BigInteger.ONE))).send().getCode()).as("no code before its block").isEqualTo("0x");
        }
    }

    @Test
    void anExistingTokenIsUsedAndAnExistingFileIsKeptUnlessForced(TestDevnet devnet) throws Exception {
        assertThat(deploy(devnet, "--new-token", "Test Stake:TST").code()).isZero();
        Deployment first = Deployment.read(dir.resolve("deployment.json"));

        assertOneLineFailure(deploy(devnet, "--token", first.token()), 2, "deployment file "
                + dir.resolve("deployment.json") + " already exists: pass --force to replace it");

        Run again = deploy(devnet, "--token", first.token(), "--force", "--mint", "deployer:1");
        assertThat(again.code()).as("stderr: %s", again.err()).isZero();
        assertThat(again.out()).contains("TST (existing)");
        Deployment second = Deployment.read(dir.resolve("deployment.json"));
        assertThat(second.token()).isEqualTo(first.token());
        assertThat(second.factory()).isNotEqualTo(first.factory());
        assertThat(second.block()).isGreaterThan(first.block());
    }

    @Test
    void mintingATokenTheDeployerDoesNotOwnIsRefusedBeforeAnyTransaction(TestDevnet devnet) throws Exception {
        assertThat(deploy(devnet).code()).isZero();
        Deployment first = Deployment.read(dir.resolve("deployment.json"));
        Path other = dir.resolve("other.json");

        Run run = deploy(devnet, "--deployment", other.toString(), "--token", first.token(), "--dev-account", "1",
                "--mint", "deployer:10");

        assertOneLineFailure(run, 2, "--mint needs a token the deployer owns: token " + first.token() + " is owned by");
        assertThat(other).doesNotExist();
    }

    @Test
    void aWrongChainIdIsRefused(TestDevnet devnet) {
        assertOneLineFailure(deploy(devnet, "--chain-id", "5"), 4, "is on chain " + devnet.chainId()
                + ", not chain 5: check --rpc-url and --chain-id");
    }

    @Test
    void theConfigFileSuppliesTheNodeAndChainIdAndFlagsOverrideIt(TestDevnet devnet) throws Exception {
        Files.writeString(dir.resolve("config"), "# the test devnet\nrpc-url = " + devnet.rpcUrl() + "\nchain-id = 5\n");

        assertOneLineFailure(fl("deploy", "--data-dir", dir.toString()), 4, "the node at " + devnet.rpcUrl()
                + " is on chain " + devnet.chainId() + ", not chain 5");

        Run run = fl("deploy", "--data-dir", dir.toString(), "--chain-id", Long.toString(devnet.chainId()));
        assertThat(run.code()).as("stderr: %s", run.err()).isZero();
        assertThat(Deployment.read(dir.resolve("deployment.json")).rpcUrl()).isEqualTo(devnet.rpcUrl().toString());
    }

    @Test
    void anUnreachableNodeIsNamed() {
        assertOneLineFailure(fl("deploy", "--data-dir", dir.toString(), "--rpc-url", "http://127.0.0.1:1"), 4,
                "Ethereum RPC at http://127.0.0.1:1 is unreachable");
    }

    @Test
    void aWrongKeystorePasswordIsNamed(TestDevnet devnet) throws Exception {
        Path keystore = Keys.createKeystore(dir.resolve("keys"), org.web3j.crypto.Keys.createEcKeyPair(), "right");
        Path password = Files.writeString(dir.resolve("pw.txt"), "wrong\n");

        assertOneLineFailure(deploy(devnet, "--keystore", keystore.toString(), "--password-file", password.toString()),
                2, "wrong password for keystore " + keystore);
        assertThat(dir.resolve("deployment.json")).doesNotExist();
    }

    @Test
    void conflictingTokenOptionsAndBadMintsAreRefused(TestDevnet devnet) {
        assertOneLineFailure(deploy(devnet, "--token", "0x5b1869d9a4c187f2eaa108f3062412ecf0526b24", "--new-token", "A:B"),
                2, "pass either --token (an existing token) or --new-token (a new one), not both");
        assertOneLineFailure(deploy(devnet, "--mint", "deployer"), 2, "--mint deployer: expected ACCOUNT:TOKENS");
        assertOneLineFailure(deploy(devnet, "--mint", "nobody:5"), 2, "--mint nobody: the account must be a 0x address");
    }
}
