package org.fedledger.federation;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.fedledger.chain.Chain;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.deploy.TaskPublisher;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.Participant;
import org.fedledger.participant.ParticipantException;
import org.fedledger.participant.StateFile;
import org.fedledger.storage.Cid;
import org.web3j.crypto.Credentials;

/**
 * A task a {@link LocalFederation} published, with its participants' accounts funded: runs
 * them all ({@link #run}), or makes one at a time for a test that runs them itself. It is the
 * one place a federation's {@link Participant}s are made; closing it closes their state files.
 */
public final class LocalTask implements AutoCloseable {
    private final Chain chain;
    private final ModelStore models;
    private final Credentials creator;
    private final TaskPublisher.Published published;
    private final BigInteger creationBlock;
    private final TaskEvents events;
    private final List<Credentials> accounts;
    private final ExecutorService pool;
    private final List<StateFile> stateFiles = new ArrayList<>();

    LocalTask(Chain chain, ModelStore models, Credentials creator, TaskPublisher.Published published,
              BigInteger creationBlock, boolean eventsFromCreation, List<Credentials> accounts, ExecutorService pool) {
        this.chain = chain;
        this.models = models;
        this.creator = creator;
        this.published = published;
        this.creationBlock = creationBlock;
        this.events = new TaskEvents(chain, published.task(), eventsFromCreation ? creationBlock : null);
        this.accounts = accounts;
        this.pool = pool;
    }

    /** The task's address. */
    public String task() {
        return published.task();
    }

    /** The latest block when the task had been created (its creation block on an instant-mining devnet). */
    public BigInteger creationBlock() {
        return creationBlock;
    }

    public Cid initialModel() {
        return published.initialModel();
    }

    /** The task's events, as its participants read them. */
    public TaskEvents events() {
        return events;
    }

    /** The task as its creator reads it. */
    public TaskClient observer() {
        return new TaskClient(chain, creator, task());
    }

    /**
     * Runs every participant, {@code participants} saying what each is, on the federation's pool
     * until all have ended; one failing as it must not stops the others and is thrown. Their
     * state files are closed, and a pool of its own shut down, however the run ends.
     */
    public LocalFederation.Result run(StateFiles files, Function<Seat, ParticipantSpec> participants)
            throws Exception {
        ExecutorService threads = pool != null ? pool : Executors.newFixedThreadPool(accounts.size());
        try (ParticipantRuns runs = new ParticipantRuns(threads, files.log(task()))) {
            for (int i = 1; i <= accounts.size(); i++) {
                ParticipantSpec spec = participants.apply(new Seat(i, accounts.get(i - 1), task(), events, runs));
                runs.start(i, make(i, spec, files.stateFile(task(), i))::run, spec.mayStopWith());
            }
            List<LocalFederation.Ended> ended = runs.awaitAll();
            return new LocalFederation.Result(task(), creationBlock, events.latestModel(initialModel()), ended);
        } finally {
            if (threads != pool) {
                threads.shutdownNow();
            }
            close();
        }
    }

    /** Participant {@code index} (1-based) as {@code spec} says, its state in {@code stateDir} ({@link StateFiles#of}). */
    public Participant participant(int index, ParticipantSpec spec, Path stateDir) throws ParticipantException {
        return make(index, spec, StateFiles.of(stateDir).stateFile(task(), index));
    }

    private Participant make(int index, ParticipantSpec spec, Path stateFile) throws ParticipantException {
        if (index < 1 || index > accounts.size()) {
            throw new IllegalArgumentException("index must be in 1.." + accounts.size() + ": " + index);
        }
        Objects.requireNonNull(spec, "spec == null");
        Credentials key = accounts.get(index - 1);
        StateFile state = StateFile.open(stateFile, chain.chainId(), task(), key.getAddress());
        synchronized (stateFiles) {
            stateFiles.add(state);
        }
        return new Participant(chain, new TaskClient(chain, key, task()), events, models, spec.data(), spec.trainer(),
                spec.conduct(), state, spec.settings(), spec.listener());
    }

    /** Closes the participants' state files. */
    @Override
    public void close() {
        synchronized (stateFiles) {
            stateFiles.forEach(StateFile::close);
            stateFiles.clear();
        }
    }
}
