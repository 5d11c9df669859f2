package org.fedledger.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.fedledger.localnet.LocalService;
import org.fedledger.localnet.Localnet;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where FedLedger finds its chain and its IPFS node, shared by every command that talks to
 * them. Each value comes from its flag, else its environment variable, else the configuration
 * file ({@link ConfigFile}: {@code --config}, {@code FL_CONFIG}, or {@code DATA_DIR/config} if it
 * exists), else the devnet that {@code fl devnet up} runs from the data directory, else the usual
 * local default. Any EVM JSON-RPC endpoint and any Kubo-compatible RPC API will do.
 */
final class ConnectionOptions {
    @Option(names = "--rpc-url", paramLabel = "URL",
            description = "Ethereum JSON-RPC URL (env FL_RPC_URL, config rpc-url; default: the local devnet, else "
                    + "http://127.0.0.1:8545).")
    URI rpcUrl;

    @Option(names = "--chain-id", paramLabel = "ID",
            description = "Expected chain id, checked against the node (env FL_CHAIN_ID, config chain-id).")
    Long chainId;

    @Option(names = "--ipfs-api", paramLabel = "URL",
            description = "IPFS (Kubo RPC) API URL (env FL_IPFS_API, config ipfs-api; default: the local node, else "
                    + "http://127.0.0.1:5001).")
    URI ipfsApi;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file of KEY = VALUE lines "
            + "(env FL_CONFIG; default: DATA_DIR/config if it exists). Flags and environment variables override it.")
    Path configFile;

    /** Environment lookups; tests replace it. */
    Function<String, Optional<String>> environment = DataDirOption::env;

    private ConfigFile config;

    @Mixin
    DataDirOption data = new DataDirOption();

    Path dataDir() {
        return data.dataDir();
    }

    URI rpcUrl() {
        if (rpcUrl != null) {
            return rpcUrl;
        }
        return environment.apply("FL_RPC_URL").map(v -> url("FL_RPC_URL", v))
                .or(() -> config().uri(ConfigFile.RPC_URL))
                .or(() -> new Localnet(dataDir()).devnet().map(LocalService::url))
                .orElse(URI.create("http://127.0.0.1:" + Localnet.DEFAULT_RPC_PORT));
    }

    Long chainId() {
        if (chainId != null) {
            return chainId;
        }
        return environment.apply("FL_CHAIN_ID").map(ConnectionOptions::chainIdVariable)
                .or(() -> config().number(ConfigFile.CHAIN_ID)).orElse(null);
    }

    URI ipfsApi() {
        if (ipfsApi != null) {
            return ipfsApi;
        }
        return environment.apply("FL_IPFS_API").map(v -> url("FL_IPFS_API", v))
                .or(() -> config().uri(ConfigFile.IPFS_API))
                .or(() -> new Localnet(dataDir()).ipfs().map(LocalService::url))
                .orElse(URI.create("http://127.0.0.1:" + Localnet.DEFAULT_IPFS_PORT));
    }

    /**
     * The deployment file: {@code flag}, else {@code FL_DEPLOYMENT}, else the config file's
     * {@code deployment}, else {@code DATA_DIR/deployment.json}.
     */
    Path deployment(Path flag) {
        if (flag != null) {
            return flag;
        }
        return environment.apply("FL_DEPLOYMENT").map(Path::of)
                .or(() -> config().path(ConfigFile.DEPLOYMENT))
                .orElseGet(() -> dataDir().resolve("deployment.json"));
    }

    /** The configuration file in effect, read once. */
    ConfigFile config() {
        if (config == null) {
            Path named = configFile != null ? configFile : environment.apply("FL_CONFIG").map(Path::of).orElse(null);
            config = named != null ? ConfigFile.load(named, true) : ConfigFile.load(dataDir().resolve("config"), false);
        }
        return config;
    }

    private static URI url(String variable, String value) {
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new Failures.UserException(variable + " is not a URL (" + e.getReason() + "): fix or unset it");
        }
    }

    private static long chainIdVariable(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new Failures.UserException("FL_CHAIN_ID=" + value + " is not a chain id: fix or unset it");
        }
    }
}
