package org.fedledger.participant;

import java.util.List;
import java.util.concurrent.Semaphore;
import org.fedledger.aggregation.Aggregate;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskEvents;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;
import org.fedledger.weights.WeightFile;

/**
 * A round's outcome as this participant computes it: every revealed update fetched and checked,
 * aggregated by the task's rule from the round's global model, the aggregate published. Kept in
 * the state file once computed (before anything uses it), so that the vote, the claim and the
 * reports all use the same outcome, also after a restart.
 */
final class Outcomes {
    /**
     * How many participants in this JVM may hold a round's updates at once: each holds all N of
     * them while it aggregates, so N participants in one JVM (a benchmark, the demo, an
     * organisation running several) would otherwise need N x N updates of memory at the same
     * moment (4 GB at N = 100 for the MNIST MLP). Aggregation is CPU-bound, so more at once than
     * there are processors gains nothing.
     */
    private static final Semaphore AGGREGATING = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    private final Session session;
    private final GlobalModel global;

    Outcomes(Session session, GlobalModel global) {
        this.session = session;
        this.global = global;
    }

    /** The outcome of {@code round}: from the state file if computed before, else computed now (and saved). */
    RoundEntry.Outcome of(long round) throws ChainException, ModelStoreException, ParticipantException,
            InterruptedException {
        RoundEntry entry = session.state().round(round);
        if (entry != null && entry.outcome() != null) {
            return entry.outcome();
        }
        LoadedTask task = session.loaded();
        List<TaskEvents.Revealed> revealed = session.task().revealed(round);
        float[] start = global.before(round);
        Aggregate aggregate;
        try (Timing.Span s = session.timing().span(Work.WAITING)) {
            AGGREGATING.acquire();
        }
        try (UpdateFetcher fetcher = new UpdateFetcher(task.sealing().forReading(), session.settings().fetchPatience())) {
            UpdateFetcher.Fetched fetched;
            try (Timing.Span s = session.timing().span(Work.IPFS_GET)) {
                fetched = fetcher.fetch(revealed, task.spec());
            }
            try (Timing.Span s = session.timing().span(Work.AGGREGATION)) {
                aggregate = task.rule().aggregate(start, fetched.updates(), fetched.failures());
            }
        } finally {
            AGGREGATING.release();
        }
        Cid aggregateCid;
        try (Timing.Span s = session.timing().span(Work.IPFS_PUT)) {
            aggregateCid = task.sealing().forAggregate(round, revealed).putWeights(new WeightFile(task.spec().digest(),
                    aggregate.newWeights()));
        }
        RoundEntry.Outcome outcome = RoundEntry.Outcome.of(aggregateCid, aggregate.weightsTree());
        if (entry != null) {
            session.state().put(round, entry.withOutcome(outcome));
        }
        return outcome;
    }
}
