package org.fedledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.storage.StorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fl check}: connects to the configured chain and IPFS node (local or remote) and
 * reports what answered, so a user can verify {@code --rpc-url}/{@code --ipfs-api} before use.
 */
@Command(name = "check", description = "Check that the chain RPC and the IPFS API answer (any EVM chain, any Kubo node).")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ChainException, StorageException {
        PrintWriter out = spec.commandLine().getOut();
        try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
            out.printf("chain  %s  chain id %d, block %s%n", chain.rpcUrl(), chain.chainId(), chain.blockNumber());
        }
        String version = new IpfsRpcClient(connection.ipfsApi()).version();
        out.printf("ipfs   %s  version %s%n", connection.ipfsApi(), version);
        return 0;
    }
}
