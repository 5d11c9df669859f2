package org.fedledger.localnet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The devnet and the IPFS node together, run in the background for {@code fl devnet}: state
 * (the chain database and the IPFS repository), PIDs, URLs and logs live under
 * {@code DATA_DIR/devnet}, so the chain and the stored files survive {@code down} and {@code up}.
 */
public final class Localnet {
    /** Ports tried first, so that the URLs stay the same across restarts when they are free. */
    public static final int DEFAULT_RPC_PORT = 8545;
    public static final int DEFAULT_IPFS_PORT = 5001;

    private final Path runDir;

    public Localnet(Path dataDir) {
        this.runDir = dataDir.toAbsolutePath().resolve("devnet");
    }

    /** Where state, PIDs and logs live. */
    public Path runDir() {
        return runDir;
    }

    /**
     * Starts whichever of the two services is not already running. A port of {@code null} means
     * the default port, or a free one when the default is taken; 0 means a free one; any other
     * value must be free. If the second service fails, the first is stopped again.
     */
    public List<LocalService> up(Integer rpcPort, Integer ipfsPort) throws LocalnetException {
        List<LocalService> started = new ArrayList<>();
        try {
            LocalService devnet = devnet().orElse(null);
            if (devnet == null) {
                devnet = LocalService.startDevnet(port(rpcPort, DEFAULT_RPC_PORT), runDir.resolve("chain"), runDir, true);
                started.add(devnet);
            }
            LocalService ipfs = ipfs().orElse(null);
            if (ipfs == null) {
                ipfs = LocalService.startIpfs(port(ipfsPort, DEFAULT_IPFS_PORT), runDir.resolve("ipfs-repo"), runDir, true);
                started.add(ipfs);
            }
            return List.of(devnet, ipfs);
        } catch (LocalnetException | RuntimeException e) {
            started.forEach(LocalService::close);
            throw e;
        }
    }

    private static int port(Integer requested, int preferred) {
        if (requested != null) {
            return requested;
        }
        return Ports.inUse(preferred) ? 0 : preferred;
    }

    public Optional<LocalService> devnet() {
        return LocalService.attach(LocalService.Kind.DEVNET, runDir);
    }

    public Optional<LocalService> ipfs() {
        return LocalService.attach(LocalService.Kind.IPFS, runDir);
    }

    /** Stops both services by PID; returns what was stopped. State stays for the next {@code up}. */
    public List<String> down() {
        List<String> stopped = new ArrayList<>();
        for (Optional<LocalService> service : List.of(devnet(), ipfs())) {
            service.ifPresent(s -> {
                stopped.add(s.toString());
                s.close();
            });
        }
        return stopped;
    }
}
