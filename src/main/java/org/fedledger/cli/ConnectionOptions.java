package org.fedledger.cli;

import java.net.URI;
import java.nio.file.Path;
import org.fedledger.localnet.LocalService;
import org.fedledger.localnet.Localnet;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where FedLedger finds its chain and its IPFS node, shared by every command that talks to
 * them. Each value comes from its flag, else its environment variable, else the devnet that
 * {@code fl devnet up} runs from the data directory, else the usual local default. Any EVM
 * JSON-RPC endpoint and any Kubo-compatible RPC API will do.
 */
final class ConnectionOptions {
    @Option(names = "--rpc-url", paramLabel = "URL",
            description = "Ethereum JSON-RPC URL (env FL_RPC_URL; default: the local devnet, else http://127.0.0.1:8545).")
    URI rpcUrl;

    @Option(names = "--chain-id", paramLabel = "ID",
            description = "Expected chain id, checked against the node (env FL_CHAIN_ID).")
    Long chainId;

    @Option(names = "--ipfs-api", paramLabel = "URL",
            description = "IPFS (Kubo RPC) API URL (env FL_IPFS_API; default: the local node, else http://127.0.0.1:5001).")
    URI ipfsApi;

    @Mixin
    DataDirOption data = new DataDirOption();

    Path dataDir() {
        return data.dataDir();
    }

    URI rpcUrl() {
        if (rpcUrl != null) {
            return rpcUrl;
        }
        return DataDirOption.env("FL_RPC_URL").map(URI::create)
                .or(() -> new Localnet(dataDir()).devnet().map(LocalService::url))
                .orElse(URI.create("http://127.0.0.1:" + Localnet.DEFAULT_RPC_PORT));
    }

    Long chainId() {
        if (chainId != null) {
            return chainId;
        }
        return DataDirOption.env("FL_CHAIN_ID").map(Long::parseLong).orElse(null);
    }

    URI ipfsApi() {
        if (ipfsApi != null) {
            return ipfsApi;
        }
        return DataDirOption.env("FL_IPFS_API").map(URI::create)
                .or(() -> new Localnet(dataDir()).ipfs().map(LocalService::url))
                .orElse(URI.create("http://127.0.0.1:" + Localnet.DEFAULT_IPFS_PORT));
    }
}
