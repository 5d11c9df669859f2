package org.fedledger.localnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A local service run as an OS process from one of the project's start scripts: started with
 * its standard error in a log file, waited on until its health check passes, and stopped by
 * PID (TERM, then KILL after a grace period). The PID is also written to a file, so another
 * process (a later {@code fl devnet down}) can stop it.
 */
final class ManagedProcess {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration GRACE = Duration.ofSeconds(10);

    /** What to run and how to tell that it is up. */
    record Spec(String name, List<String> command, Path logFile, Path pidFile, boolean keepStdout,
                boolean detach, BooleanSupplier healthy, Duration startTimeout) {
        Spec {
            Objects.requireNonNull(name, "name == null");
            command = List.copyOf(command);
            Objects.requireNonNull(logFile, "logFile == null");
            Objects.requireNonNull(pidFile, "pidFile == null");
            Objects.requireNonNull(healthy, "healthy == null");
            Objects.requireNonNull(startTimeout, "startTimeout == null");
        }
    }

    private final String name;
    private final ProcessHandle handle;
    private final Path pidFile;

    private ManagedProcess(String name, ProcessHandle handle, Path pidFile) {
        this.name = name;
        this.handle = handle;
        this.pidFile = pidFile;
    }

    /** Starts the process and returns once its health check passes. */
    static ManagedProcess start(Spec spec) throws LocalnetException {
        List<String> command = new ArrayList<>();
        if (spec.detach() && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // A session of its own: the service outlives the CLI and its terminal's Ctrl-C.
            command.add("/usr/bin/setsid");
        }
        command.addAll(spec.command());
        Process process;
        try {
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            Files.createDirectories(spec.pidFile().toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectOutput(spec.keepStdout()
                            ? ProcessBuilder.Redirect.appendTo(spec.logFile().toFile())
                            : ProcessBuilder.Redirect.DISCARD);
            process = builder.start();
            Files.writeString(spec.pidFile(), Long.toString(process.pid()) + "\n");
        } catch (IOException e) {
            throw new LocalnetException("cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
        ManagedProcess managed = new ManagedProcess(spec.name(), process.toHandle(), spec.pidFile());
        managed.awaitHealthy(process, spec);
        return managed;
    }

    /** Returns the process recorded in {@code pidFile} if it is still alive. */
    static Optional<ManagedProcess> attach(String name, Path pidFile) {
        return readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .map(handle -> new ManagedProcess(name, handle, pidFile));
    }

    private void awaitHealthy(Process process, Spec spec) throws LocalnetException {
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        while (true) {
            if (!process.isAlive()) {
                deletePidFile();
                throw new LocalnetException(spec.name() + " exited with code " + process.exitValue()
                        + " while starting: " + lastLine(spec.logFile()) + " (log: " + spec.logFile() + ")");
            }
            if (spec.healthy().getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new LocalnetException(spec.name() + " did not become healthy within "
                        + spec.startTimeout().toSeconds() + " s: " + lastLine(spec.logFile())
                        + " (log: " + spec.logFile() + ")");
            }
            try {
                process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new LocalnetException("interrupted while starting " + spec.name(), e);
            }
        }
    }

    long pid() {
        return handle.pid();
    }

    boolean isAlive() {
        return handle.isAlive();
    }

    /** Stops the process (TERM, then KILL after a grace period) and removes its PID file. */
    void stop() {
        List<ProcessHandle> children = handle.descendants().toList();
        handle.destroy();
        try {
            handle.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            handle.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deletePidFile();
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // A stale PID file is harmless: attach() checks that the PID is alive.
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + handle.pid() + ")";
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The line of a log that says why a node failed: its last error line, else its last line. */
    static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = null;
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i).strip();
                if (line.contains("Error")) {
                    return line;
                }
                if (last == null && !line.isEmpty()) {
                    last = line;
                }
            }
            return last == null ? "(empty log)" : last;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
