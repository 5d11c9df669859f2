package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.fedledger.keys.KeySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration file and where it stands: below flags and environment variables, above the
 * local devnet defaults; comments, unknown keys and missing files.
 */
class ConfigFileTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    private ConnectionOptions connection() {
        ConnectionOptions c = new ConnectionOptions();
        c.data.dataDir = dir;
        c.environment = name -> Optional.ofNullable(env.get(name));
        return c;
    }

    private KeyOptions keys() {
        KeyOptions k = new KeyOptions();
        k.environment = name -> Optional.ofNullable(env.get(name));
        return k;
    }

    private void config(String text) throws Exception {
        Files.writeString(dir.resolve("config"), text);
    }

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheConfigFileWhichBeatsTheDefault() throws Exception {
        ConnectionOptions c = connection();
        assertThat(c.rpcUrl()).isEqualTo(URI.create("http://127.0.0.1:8545"));
        assertThat(c.chainId()).isNull();

        config("rpc-url = http://config.example:8545\nchain-id = 11155111\nipfs-api = http://config.example:5001\n");
        c = connection();
        assertThat(c.rpcUrl()).isEqualTo(URI.create("http://config.example:8545"));
        assertThat(c.chainId()).isEqualTo(11155111L);
        assertThat(c.ipfsApi()).isEqualTo(URI.create("http://config.example:5001"));

        env.put("FL_RPC_URL", "http://env.example:8545");
        env.put("FL_CHAIN_ID", "5");
        c = connection();
        assertThat(c.rpcUrl()).isEqualTo(URI.create("http://env.example:8545"));
        assertThat(c.chainId()).isEqualTo(5L);
        assertThat(c.ipfsApi()).isEqualTo(URI.create("http://config.example:5001"));

        c.rpcUrl = URI.create("http://flag.example:8545");
        c.chainId = 1337L;
        assertThat(c.rpcUrl()).isEqualTo(URI.create("http://flag.example:8545"));
        assertThat(c.chainId()).isEqualTo(1337L);
    }

    @Test
    void theDeploymentFileComesFromTheFlagTheEnvironmentTheConfigFileOrTheDataDirectory() throws Exception {
        assertThat(connection().deployment(null)).isEqualTo(dir.resolve("deployment.json"));
        config("deployment = deployments/sepolia.json\n");
        assertThat(connection().deployment(null)).isEqualTo(dir.toAbsolutePath().resolve("deployments/sepolia.json"));
        env.put("FL_DEPLOYMENT", "/env/deployment.json");
        assertThat(connection().deployment(null)).isEqualTo(Path.of("/env/deployment.json"));
        assertThat(connection().deployment(Path.of("flag.json"))).isEqualTo(Path.of("flag.json"));
    }

    @Test
    void theKeystoreAndPasswordFileComeFromTheConfigFileRelativeToIt() throws Exception {
        Path other = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(other.resolve("fl.conf"), "keystore = keys/me.json\npassword-file = /secret/pw.txt\n");
        env.put("FL_CONFIG", other.resolve("fl.conf").toString());

        KeySource source = keys().source(null);

        assertThat(source).isEqualTo(KeySource.keystore(other.toAbsolutePath().resolve("keys/me.json"),
                KeySource.Password.fromFile(Path.of("/secret/pw.txt"))));
    }

    @Test
    void flagsAndTheEnvironmentBeatTheConfigFilesKeystore() throws Exception {
        config("keystore = me.json\npassword-file = pw.txt\n");
        env.put("FL_CONFIG", dir.resolve("config").toString());
        KeyOptions k = keys();
        k.devAccount = 3;
        assertThat(k.source(null)).isEqualTo(KeySource.devAccount(3));

        env.put("FL_KEYSTORE_PASSWORD", "from-the-environment");
        assertThat(keys().source(null)).isEqualTo(KeySource.keystore(dir.toAbsolutePath().resolve("me.json"),
                KeySource.Password.fromDefaultVariable()));

        k = keys();
        k.passwordFile = Path.of("flag-pw.txt");
        assertThat(k.source(null)).isEqualTo(KeySource.keystore(dir.toAbsolutePath().resolve("me.json"),
                KeySource.Password.fromFile(Path.of("flag-pw.txt"))));
    }

    @Test
    void commentsBlankLinesAndSpacesAreIgnored() {
        ConfigFile config = ConfigFile.parse(Path.of("/x/config"), """
                # FedLedger on Sepolia

                   rpc-url=https://rpc.example.org/v1#frag   # the provider\s
                # chain-id = 1
                chain-id =11155111
                """);
        assertThat(config.get(ConfigFile.RPC_URL)).contains("https://rpc.example.org/v1#frag");
        assertThat(config.number(ConfigFile.CHAIN_ID)).contains(11155111L);
        assertThat(config.get(ConfigFile.IPFS_API)).isEmpty();
    }

    @Test
    void anUnknownKeyIsRefusedNamingTheFileAndLine() {
        assertThatThrownBy(() -> ConfigFile.parse(Path.of("/x/config"), "# comment\nrpc-url = http://a:1\nrpc_url = http://b:2\n"))
                .isInstanceOf(Failures.UserException.class)
                .hasMessage("config file /x/config line 3: unknown key 'rpc_url' (known: rpc-url, chain-id, ipfs-api, "
                        + "keystore, password-file, deployment)");
    }

    @Test
    void malformedLinesAndValuesAreRefusedNamingTheLine() {
        assertThatThrownBy(() -> ConfigFile.parse(Path.of("c"), "0xdeadbeef\n"))
                .hasMessage("config file c line 1: expected KEY = VALUE (or a # comment)");
        assertThatThrownBy(() -> ConfigFile.parse(Path.of("c"), "chain-id = 1\nchain-id = 2\n"))
                .hasMessage("config file c line 2: chain-id is set twice");
        assertThatThrownBy(() -> ConfigFile.parse(Path.of("c"), "chain-id = mainnet\n"))
                .hasMessage("config file c line 1: chain-id must be a positive whole number, not 'mainnet'");
        assertThatThrownBy(() -> ConfigFile.parse(Path.of("c"), "\nipfs-api = 127.0.0.1:5001\n"))
                .hasMessage("config file c line 2: ipfs-api must be an http:// or https:// URL, not '127.0.0.1:5001'");
        assertThatThrownBy(() -> ConfigFile.parse(Path.of("c"), "keystore =\n"))
                .hasMessage("config file c line 1: keystore has no value");
    }

    @Test
    void aMissingDefaultFileIsNoConfigurationButAMissingNamedFileIsAnError() {
        assertThat(connection().config().file()).isEmpty();
        ConnectionOptions c = connection();
        c.configFile = dir.resolve("nowhere.conf");
        assertThatThrownBy(c::config).isInstanceOf(Failures.UserException.class)
                .hasMessage("config file " + dir.resolve("nowhere.conf") + " does not exist: check --config / FL_CONFIG");
    }

    @Test
    void aBadConfigFileStopsACommandWithOneLineAndExitCode2() throws Exception {
        config("rpc-url = http://127.0.0.1:8545\nprivate-key = 0x1234\n");
        StringWriter err = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("check", "--data-dir", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("fl: config file " + dir.resolve("config")
                + " line 2: unknown key 'private-key' (known: rpc-url, chain-id, ipfs-api, keystore, password-file, "
                + "deployment)");
    }

    @Test
    void aMissingConfigFileNamedByFlagStopsACommand() {
        StringWriter err = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("check", "--config", dir.resolve("missing").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("config file " + dir.resolve("missing") + " does not exist");
    }
}
