package org.fedledger.federation;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.fedledger.participant.Participant;
import org.fedledger.participant.ParticipantListener;
import org.fedledger.participant.ParticipantLog;

/**
 * The participants of one task, each running the whole protocol on a thread of a pool, awaited
 * in the order they finish. A run that fails when it must not (an honest participant's)
 * cancels the others at once and is thrown: the others would otherwise wait on it, for a phase
 * deadline or, before the task starts, for good. Every participant's steps can go to one log
 * file, to read when a run goes wrong.
 */
final class ParticipantRuns implements AutoCloseable {
    /** A run that ended as it may ({@code ended}), or with a failure it must not ({@code unexpected}). */
    private record Done(int index, LocalFederation.Ended ended, Throwable unexpected) {}

    private final ExecutorCompletionService<Done> finished;
    private final List<Future<Done>> running = new ArrayList<>();
    private final PrintWriter log;

    /** Runs on {@code pool}, logging to {@code logFile} (created, or appended to; null: no log). */
    ParticipantRuns(ExecutorService pool, Path logFile) throws IOException {
        this.finished = new ExecutorCompletionService<>(Objects.requireNonNull(pool, "pool == null"));
        this.log = new PrintWriter(logFile == null ? Writer.nullWriter() : Files.newBufferedWriter(logFile,
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
    }

    /** The log for the participant called {@code name}. */
    ParticipantListener log(String name) {
        return new ParticipantLog(log, name);
    }

    /**
     * Starts participant {@code index}'s {@code run}; it may stop with a failure of kind
     * {@code mayStopWith} (null: none) without failing the others.
     */
    void start(int index, Callable<Participant.Summary> run, Class<? extends Throwable> mayStopWith) {
        Objects.requireNonNull(run, "run == null");
        running.add(finished.submit(() -> {
            try {
                return new Done(index, new LocalFederation.Ended(index, run.call(), null), null);
            } catch (Exception | Error e) {
                return mayStopWith != null && mayStopWith.isInstance(e)
                        ? new Done(index, new LocalFederation.Ended(index, null, e), null) : new Done(index, null, e);
            }
        }));
    }

    /**
     * Waits for every run and returns how each ended, in index order; a failure a run was not
     * allowed to stop with cancels the runs still going and is thrown.
     */
    List<LocalFederation.Ended> awaitAll() throws Exception {
        List<LocalFederation.Ended> ended = new ArrayList<>();
        for (int k = 0; k < running.size(); k++) {
            Done done = finished.take().get();
            Throwable failure = done.unexpected();
            if (failure != null) {
                log.printf("participant %d failed: %s%n", done.index(), failure);
                if (failure instanceof Exception e) {
                    throw e;
                }
                throw new ExecutionException("participant " + done.index() + " failed", failure);
            }
            ended.add(done.ended());
        }
        ended.sort(Comparator.comparingInt(LocalFederation.Ended::index));
        return ended;
    }

    /** Cancels the runs still going and closes the log. */
    @Override
    public void close() {
        running.forEach(f -> f.cancel(true));
        log.close();
    }
}
