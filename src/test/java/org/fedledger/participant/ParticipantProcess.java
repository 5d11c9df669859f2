package org.fedledger.participant;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code fl participant run} as an OS process of its own (a JVM on the test's class path), with
 * its output collected line by line so a test can wait for a step and then kill it.
 */
final class ParticipantProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ParticipantProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "participant-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ParticipantProcess start(Path dataDir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dfedledger.home=" + System.getProperty("fedledger.home", ""),
                "org.fedledger.cli.Fl", "participant", "run", "--data-dir", dataDir.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", "1");
        return new ParticipantProcess(builder.start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                synchronized (this) {
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process was killed: its output ends here
        } finally {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until a line matches (or the output ends, or the timeout passes); returns whether one did. */
    synchronized boolean awaitLine(Predicate<String> wanted, long timeout, TimeUnit unit) throws InterruptedException {
        long until = System.nanoTime() + unit.toNanos(timeout);
        while (lines.stream().noneMatch(wanted)) {
            long left = until - System.nanoTime();
            if (left <= 0 || !reader.isAlive()) {
                return lines.stream().anyMatch(wanted);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Kills the process at once (SIGKILL: no shutdown hooks, no flushing) and waits for it to die. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to exit; returns its exit code, or -1 on timeout. */
    int awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        if (!process.waitFor(timeout, unit)) {
            return -1;
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    List<String> output() {
        return List.copyOf(lines);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
