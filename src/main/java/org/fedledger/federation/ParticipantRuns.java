package org.fedledger.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.fedledger.participant.Participant;
import org.fedledger.participant.ParticipantException;
import org.fedledger.participant.ParticipantListener;
import org.fedledger.participant.ParticipantLog;

/**
 * The participants of one benchmark task, each running the whole protocol on a thread of a
 * shared pool, awaited in the order they finish. A run that fails when it must not (an honest
 * participant's) cancels the others at once and is thrown: the others would otherwise wait on
 * it, for a phase deadline or, before the task starts, for good. Every participant's steps go
 * to one log file, to read when a run goes wrong.
 */
final class ParticipantRuns {
    private record Finished(int index, Throwable failure) {}

    private final ExecutorCompletionService<Finished> finished;
    private final List<Future<Finished>> running = new ArrayList<>();
    private final PrintWriter log;

    /** Runs on {@code pool}, logging to {@code logFile} (created, or appended to). */
    ParticipantRuns(ExecutorService pool, Path logFile) throws IOException {
        this.finished = new ExecutorCompletionService<>(Objects.requireNonNull(pool, "pool == null"));
        this.log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true);
    }

    /** The log for the participant called {@code name}. */
    ParticipantListener log(String name) {
        return new ParticipantLog(log, name);
    }

    /** Starts {@code participant} as run number {@link #size()}. */
    void start(Participant participant) {
        int index = running.size();
        running.add(finished.submit(() -> {
            try {
                participant.run();
                return new Finished(index, null);
            } catch (Exception | Error e) {
                return new Finished(index, e);
            }
        }));
    }

    int size() {
        return running.size();
    }

    /**
     * Waits for every run. A run that ends with a {@link ParticipantException} is allowed to if
     * {@code mayGiveUp} holds for its index (an attacker whose stake was slashed away); any
     * other failure cancels the runs still going and is thrown.
     */
    void awaitAll(IntPredicate mayGiveUp) throws Exception {
        try {
            for (int k = 0; k < running.size(); k++) {
                Finished done = finished.take().get();
                Throwable failure = done.failure();
                if (failure == null || (failure instanceof ParticipantException && mayGiveUp.test(done.index()))) {
                    continue;
                }
                log.printf("participant %d failed: %s%n", done.index() + 1, failure);
                if (failure instanceof Exception e) {
                    throw e;
                }
                throw new ExecutionException("participant " + (done.index() + 1) + " failed", failure);
            }
        } finally {
            running.forEach(f -> f.cancel(true));
            log.close();
        }
    }
}
