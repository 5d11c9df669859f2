package org.fedledger.localnet;

import java.util.Collection;
import java.util.List;

/**
 * Stops local services also when the JVM is told to exit (Ctrl-C) while a command that started
 * them runs; closing it (at the end of the command's try block) removes the hook again.
 */
public final class StopOnExit implements AutoCloseable {
    private final Thread hook;

    public StopOnExit(LocalService... services) {
        this(List.of(services));
    }

    /**
     * Stops what {@code services} holds when the JVM exits: a command that starts services one
     * by one adds each as it starts (use a thread-safe collection).
     */
    public StopOnExit(Collection<LocalService> services) {
        hook = new Thread(() -> {
            for (LocalService s : services) {
                s.close();
            }
        }, "fl-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the hook runs anyway
        }
    }
}
