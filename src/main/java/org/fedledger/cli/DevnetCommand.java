package org.fedledger.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.localnet.LocalService;
import org.fedledger.localnet.Localnet;
import org.fedledger.localnet.LocalnetException;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.storage.StorageException;
import org.web3j.crypto.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fl devnet up|down|status}: runs the local Ganache devnet and IPFS node in the
 * background, both on 127.0.0.1, with their state under the data directory.
 */
@Command(name = "devnet", description = "Start, stop or inspect the local devnet (Ganache) and IPFS node.",
        subcommands = {DevnetCommand.Up.class, DevnetCommand.Down.class, DevnetCommand.Status.class})
final class DevnetCommand {
    /** How many dev accounts `up` lists. */
    private static final int LISTED_ACCOUNTS = 10;

    private DevnetCommand() {}

    @Command(name = "up", description = "Start the devnet and the IPFS node in the background (state survives restarts).")
    static final class Up implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Option(names = "--rpc-port", paramLabel = "PORT",
                description = "Devnet JSON-RPC port on 127.0.0.1 (default 8545, or a free one if taken; 0 = any free).")
        Integer rpcPort;

        @Option(names = "--ipfs-port", paramLabel = "PORT",
                description = "IPFS API port on 127.0.0.1 (default 5001, or a free one if taken; 0 = any free).")
        Integer ipfsPort;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws LocalnetException {
            Localnet localnet = new Localnet(data.dataDir());
            PrintWriter out = spec.commandLine().getOut();
            List<LocalService> services = localnet.up(rpcPort, ipfsPort);
            out.println("FedLedger devnet is up (state in " + localnet.runDir() + "):");
            for (LocalService s : services) {
                out.printf("  %-7s %s  (pid %d, log %s)%n", s.kind().label(), s.url(), s.pid(), s.logFile().getFileName());
            }
            out.println("Dev accounts (Ganache's deterministic keys: test ether only, see test-chain/README.md):");
            for (int i = 0; i < LISTED_ACCOUNTS; i++) {
                out.printf("  %2d  %s%n", i, Keys.toChecksumAddress(DevAccounts.account(i).getAddress()));
            }
            out.println("Stop with ./fl devnet down; inspect with ./fl devnet status.");
            return 0;
        }
    }

    @Command(name = "down", description = "Stop the devnet and the IPFS node (their state stays for the next up).")
    static final class Down implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<String> stopped = new Localnet(data.dataDir()).down();
            PrintWriter out = spec.commandLine().getOut();
            if (stopped.isEmpty()) {
                out.println("Nothing was running.");
            }
            stopped.forEach(s -> out.println("stopped " + s));
            return 0;
        }
    }

    @Command(name = "status", description = "Show whether the devnet and the IPFS node run and answer (exit 3 if not).")
    static final class Status implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Localnet localnet = new Localnet(data.dataDir());
            PrintWriter out = spec.commandLine().getOut();
            boolean devnetOk = report(out, "devnet", localnet.devnet(), DevnetCommand::describeChain);
            boolean ipfsOk = report(out, "ipfs", localnet.ipfs(), DevnetCommand::describeIpfs);
            return devnetOk && ipfsOk ? 0 : Failures.LOCAL_SERVICE;
        }
    }

    private interface Describer {
        String describe(LocalService service) throws Exception;
    }

    private static boolean report(PrintWriter out, String label, Optional<LocalService> service, Describer describer) {
        if (service.isEmpty()) {
            out.printf("%-7s stopped    (start it with ./fl devnet up)%n", label);
            return false;
        }
        LocalService s = service.get();
        try {
            out.printf("%-7s healthy    %s  %s  pid %d%n", label, s.url(), describer.describe(s), s.pid());
            return true;
        } catch (Exception e) {
            out.printf("%-7s unhealthy  %s  pid %d: %s (log: %s)%n", label, s.url(), s.pid(),
                    Failures.message(e), s.logFile());
            return false;
        }
    }

    private static String describeChain(LocalService s) throws ChainException {
        try (Chain chain = Chain.connect(s.url(), null)) {
            return "chain " + chain.chainId() + ", block " + chain.blockNumber();
        }
    }

    private static String describeIpfs(LocalService s) throws StorageException {
        return "IPFS " + new IpfsRpcClient(s.url()).version();
    }
}
