package org.fedledger.participant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fedledger.aggregation.Failure;
import org.fedledger.aggregation.Update;
import org.fedledger.chain.TaskEvents.Revealed;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.weights.WeightFile;

/**
 * Fetches a round's revealed updates from IPFS, a few at a time, each verified against its CID
 * and checked against the task's model by {@link ModelStore}. An update that is malformed or
 * whose bytes do not match its CID becomes a {@link Failure} at once; an unavailable one is
 * tried again (with growing pauses) for the participant's fetch patience before it becomes a
 * failure too, since every honest participant must see the same set to compute the same outcome.
 */
final class UpdateFetcher implements AutoCloseable {
    private static final int PARALLEL = 4;

    private final ModelStore models;
    private final Duration patience;
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "fl-fetch");
        t.setDaemon(true);
        return t;
    });

    UpdateFetcher(ModelStore models, Duration patience) {
        this.models = models;
        this.patience = patience;
    }

    /** The usable updates and the failures among {@code revealed}. */
    record Fetched(List<Update> updates, List<Failure> failures) {}

    Fetched fetch(List<Revealed> revealed, ModelSpec spec) throws InterruptedException {
        List<Future<Object>> pending = new ArrayList<>();
        for (Revealed r : revealed) {
            pending.add(pool.submit(() -> fetchOne(r, spec)));
        }
        List<Update> updates = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Object result;
            try {
                result = pending.get(i).get();
            } catch (ExecutionException e) {
                result = new Failure(revealed.get(i).participant(), "cannot fetch update: " + e.getCause());
            }
            if (result instanceof Update u) {
                updates.add(u);
            } else {
                failures.add((Failure) result);
            }
        }
        return new Fetched(updates, failures);
    }

    private Object fetchOne(Revealed r, ModelSpec spec) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        long pause = 200;
        while (true) {
            try {
                WeightFile file = models.getWeights(r.cid(), spec);
                return new Update(r.participant(), r.numSamples(), file.values());
            } catch (ModelStoreException e) {
                if (e.kind() != ModelStoreException.Kind.UNAVAILABLE || System.nanoTime() + pause * 1_000_000 > until) {
                    return new Failure(r.participant(), e.getMessage());
                }
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 5_000);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
