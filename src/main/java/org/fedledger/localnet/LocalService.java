package org.fedledger.localnet;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fedledger.Home;

/**
 * One of FedLedger's two local services, run as a process on 127.0.0.1: the Ganache devnet
 * ({@code test-chain/start.sh}) or the IPFS node ({@code ipfs/start.sh}). Its PID, URL and log
 * live in a run directory, so that another process can find it again ({@link #attach}) and stop
 * it. Starting waits on the service's own health check, never on a fixed delay.
 */
public final class LocalService implements AutoCloseable {

    /** The two kinds of local service. */
    public enum Kind {
        DEVNET("devnet", "test-chain", Duration.ofSeconds(60)),
        IPFS("ipfs", "ipfs", Duration.ofSeconds(120));

        private final String label;
        private final String folder;
        private final Duration startTimeout;

        Kind(String label, String folder, Duration startTimeout) {
            this.label = label;
            this.folder = folder;
            this.startTimeout = startTimeout;
        }

        /** Short name, also the stem of its files in the run directory. */
        public String label() {
            return label;
        }

        boolean healthy(URI url) {
            return this == DEVNET ? Probe.chainId(url).isPresent() : Probe.ipfsUp(url);
        }
    }

    private final Kind kind;
    private final URI url;
    private final ManagedProcess process;
    private final Path runDir;

    private LocalService(Kind kind, URI url, ManagedProcess process, Path runDir) {
        this.kind = kind;
        this.url = url;
        this.process = process;
        this.runDir = runDir;
    }

    /**
     * Starts Ganache on {@code port} (0 picks a free one). With a {@code stateDir} the chain
     * persists there across restarts; with {@code null} it lives in memory.
     */
    public static LocalService startDevnet(int port, Path stateDir, Path runDir, boolean detach)
            throws LocalnetException {
        int rpcPort = Ports.claim(port, "--rpc-port");
        List<String> args = new ArrayList<>(List.of(Integer.toString(rpcPort)));
        if (stateDir != null) {
            args.add(stateDir.toAbsolutePath().toString());
        }
        return start(Kind.DEVNET, URI.create("http://127.0.0.1:" + rpcPort), args, runDir, detach, false);
    }

    /** Starts the IPFS node with its API on {@code apiPort} (0 picks a free one) and its repository in {@code repoDir}. */
    public static LocalService startIpfs(int apiPort, Path repoDir, Path runDir, boolean detach)
            throws LocalnetException {
        Objects.requireNonNull(repoDir, "repoDir == null");
        int port = Ports.claim(apiPort, "--ipfs-port");
        List<String> args = List.of(repoDir.toAbsolutePath().toString(), Integer.toString(port),
                Integer.toString(Ports.free()), Integer.toString(Ports.free()));
        return start(Kind.IPFS, URI.create("http://127.0.0.1:" + port), args, runDir, detach, true);
    }

    private static LocalService start(Kind kind, URI url, List<String> args, Path runDir, boolean detach,
                                      boolean keepStdout) throws LocalnetException {
        Optional<LocalService> running = attach(kind, runDir);
        if (running.isPresent()) {
            throw new LocalnetException(kind.label() + " already runs from " + runDir + " (pid "
                    + running.get().pid() + "): stop it first");
        }
        Path script = Home.root().resolve(kind.folder).resolve("start.sh");
        requireInstalled(kind);
        NodeRuntime.require();
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        ManagedProcess.Spec spec = new ManagedProcess.Spec(kind.label(), command,
                runDir.resolve(kind.label() + ".log"), runDir.resolve(kind.label() + ".pid"),
                keepStdout, detach, () -> kind.healthy(url), kind.startTimeout);
        ManagedProcess process = ManagedProcess.start(spec);
        try {
            Files.writeString(runDir.resolve(kind.label() + ".url"), url + "\n");
        } catch (IOException e) {
            process.stop();
            throw new LocalnetException("cannot write to " + runDir + ": " + e.getMessage(), e);
        }
        return new LocalService(kind, url, process, runDir);
    }

    /** Finds a service of this kind started from {@code runDir} whose process is still alive. */
    public static Optional<LocalService> attach(Kind kind, Path runDir) {
        Path urlFile = runDir.resolve(kind.label() + ".url");
        return ManagedProcess.attach(kind.label(), runDir.resolve(kind.label() + ".pid")).flatMap(process -> {
            try {
                URI url = URI.create(Files.readString(urlFile).trim());
                return Optional.of(new LocalService(kind, url, process, runDir));
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static void requireInstalled(Kind kind) throws LocalnetException {
        Path modules = Home.root().resolve(kind.folder).resolve("node_modules");
        if (!Files.isDirectory(modules)) {
            throw new LocalnetException(kind.label() + " is not installed (" + modules
                    + " is missing): run tools/setup, or ./fl, which runs it");
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON-RPC URL (devnet) or the RPC API URL (IPFS), always on 127.0.0.1. */
    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    /** Whether the process is alive and answers its health check now. */
    public boolean healthy() {
        return process.isAlive() && kind.healthy(url);
    }

    /** The log file of the service's standard error (and of its output, for IPFS). */
    public Path logFile() {
        return runDir.resolve(kind.label() + ".log");
    }

    /** Stops the process by PID and forgets its URL. */
    @Override
    public void close() {
        process.stop();
        try {
            Files.deleteIfExists(runDir.resolve(kind.label() + ".url"));
        } catch (IOException ignored) {
            // attach() only trusts the URL file while the PID file names a live process.
        }
    }

    @Override
    public String toString() {
        return kind.label() + " " + url + " (pid " + pid() + ")";
    }
}
