package org.fedledger.dashboard;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fedledger.chain.ChainException;
import org.fedledger.modelstore.ModelStoreException;

/**
 * The dashboard's current {@link Update}, kept fresh by one background thread that asks the
 * source for its version every {@code interval} and reads it again only when the version moved
 * (or the last read failed). Clients wait in {@link #next} for a newer update; one rendering
 * serves them all.
 */
final class LiveState implements AutoCloseable {
    private final HistorySource source;
    private final ScheduledExecutorService poller;
    /** The source's version of the current snapshot; the poller thread's alone. */
    private long readVersion;
    private Update current = Views.update(0, Optional.empty(), Optional.empty(), 0);
    private boolean closed;

    LiveState(HistorySource source, Duration interval) {
        this.source = requireNonNull(source, "source == null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fl-dashboard-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        Update last = current();
        try {
            long version = source.version();
            if (last.snapshot().isPresent() && last.error().isEmpty() && version == readVersion) {
                return;
            }
            long started = System.nanoTime();
            Snapshot snapshot = source.read();
            readVersion = version;
            publish(Optional.of(snapshot), Optional.empty(), (System.nanoTime() - started) / 1_000_000);
        } catch (ChainException | ModelStoreException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines()
                    .findFirst().orElse("");
            if (!last.error().equals(Optional.of(message))) {
                publish(last.snapshot(), Optional.of(message), last.readMillis());
            }
        }
    }

    private synchronized void publish(Optional<Snapshot> snapshot, Optional<String> error, long readMillis) {
        current = Views.update(current.sequence() + 1, snapshot, error, readMillis);
        notifyAll();
    }

    synchronized Update current() {
        return current;
    }

    /**
     * The first update after the one numbered {@code seen}, waiting at most {@code timeout} for
     * it (then the current one, unchanged); empty once closed.
     */
    synchronized Optional<Update> next(long seen, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!closed && current.sequence() <= seen) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return closed ? Optional.empty() : Optional.of(current);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            poller.awaitTermination(2, TimeUnit.SECONDS); // a read in flight ends at its next RPC
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
