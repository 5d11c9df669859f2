package org.fedledger.participant;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.testing.MemoryContentStore;

/**
 * One real {@link Participant} in a {@link Federation}, run on its own thread with its own state
 * file, listener ({@link Recorder}) and a trainer that trains nothing: it returns the global
 * model plus 0.01 times the peer's index, so that every peer's update differs and is
 * deterministic. It can be run again after it stopped (a restart on the same state file).
 */
final class Peer {
    final String name;
    final String account;
    final Recorder events = new Recorder();
    final MemoryContentStore content;
    final Path statePath;
    private final Federation federation;
    private final int index;
    private final List<Long> trained = new ArrayList<>();
    /** Null: {@link Federation#settings} waiting for the peers started with this one. */
    private ParticipantSettings settings;
    private Conduct conduct = Conduct.HONEST;
    private Dataset data = Federation.data(20, 4);
    private Trainer trainer;
    private Thread thread;
    private volatile Participant.Summary summary;
    private volatile Throwable failure;

    Peer(Federation federation, String name, String account, int index, Path statePath) {
        this.federation = federation;
        this.name = name;
        this.account = account;
        this.index = index;
        this.statePath = statePath;
        this.content = federation.content.view();
        this.trainer = (spec, global, d, round) -> offset(global, 0.01f * index);
    }

    Peer settings(ParticipantSettings value) {
        settings = value;
        return this;
    }

    Peer conduct(Conduct value) {
        conduct = value;
        return this;
    }

    Peer data(Dataset value) {
        data = value;
        return this;
    }

    /** Trains with {@code value} instead (still counted in {@link #trainedRounds()}). */
    Peer trainer(Trainer value) {
        trainer = value;
        return this;
    }

    static float[] offset(float[] global, float delta) {
        float[] w = global.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] += delta;
        }
        return w;
    }

    /** The rounds this peer's trainer was asked to train for, over all its runs. */
    synchronized List<Long> trainedRounds() {
        return List.copyOf(trained);
    }

    private synchronized void count(long round) {
        trained.add(round);
    }

    /** Starts a run on a new thread, one of {@code together} peers started at once; the caller attached it to the task's clock. */
    void start(int together) {
        ParticipantSettings chosen = settings != null ? settings : Federation.settings(together);
        summary = null;
        failure = null;
        Trainer counting = (ModelSpec spec, float[] global, Dataset d, long round) -> {
            count(round);
            return trainer.train(spec, global, d, round);
        };
        thread = new Thread(() -> {
            try (StateFile state = StateFile.open(statePath, 1337, InMemoryTask.ADDRESS, account)) {
                summary = new Participant(federation.task.port(account), new ModelStore(content), data, counting,
                        conduct, state, chosen, events).run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                federation.task.detach();
            }
        }, "peer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    void await(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            throw new AssertionError(name + " still running after " + timeout + "; it heard " + events.events());
        }
    }

    /** What the last run returned; fails if it threw. */
    Participant.Summary summary() {
        if (failure != null) {
            throw new AssertionError(name + " failed: " + failure + "; it heard " + events.events(), failure);
        }
        return summary;
    }

    /** What the last run threw, or null. */
    Throwable failure() {
        return failure;
    }

    /** The state file as the peer left it (open it only while the peer is stopped). */
    StateFile state() throws ParticipantException {
        return StateFile.open(statePath, 1337, InMemoryTask.ADDRESS, account);
    }
}
