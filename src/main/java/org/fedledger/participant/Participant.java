package org.fedledger.participant;

import java.math.BigInteger;
import java.util.Objects;
import org.fedledger.chain.Chain;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.data.Dataset;
import org.fedledger.modelstore.ModelStore;

/**
 * One participant in one task: the protocol with no coordinator. It reads the task's state
 * and events from the chain at every new block and does whatever is due: join; in each round
 * it is active in, train on its own data, upload the update, commit, reveal, fetch and check
 * every revealed update, aggregate by the task's rule, upload the aggregate and vote; advance a
 * phase whose deadline passed; report other participants' slashable faults; claim its rewards.
 *
 * <p>The participant talks to the task through a {@link TaskPort} (on a chain: {@link ChainTask});
 * a fixed {@link RoundLoop} drives one small class per phase. Every decision comes from the
 * chain (the participant's own markers say which of its actions already landed), and what the
 * chain cannot hold (salts, the outcome it voted for) is in the {@link StateFile}, written
 * before the action that depends on it. So a participant killed at any point and started again
 * picks up where it was, and each step is idempotent.
 */
public final class Participant {
    private final TaskPort task;
    private final ModelStore models;
    private final Dataset data;
    private final Trainer trainer;
    private final Conduct conduct;
    private final StateFile state;
    private final ParticipantSettings settings;
    private final ParticipantListener listener;

    public Participant(Chain chain, TaskClient client, TaskEvents events, ModelStore models, Dataset data,
                       Trainer trainer, StateFile state, ParticipantSettings settings, ParticipantListener listener) {
        this(chain, client, events, models, data, trainer, Conduct.HONEST, state, settings, listener);
    }

    /** A participant on a chain whose protocol steps follow {@code conduct} (attack simulations; honest is {@link Conduct#HONEST}). */
    public Participant(Chain chain, TaskClient client, TaskEvents events, ModelStore models, Dataset data,
                       Trainer trainer, Conduct conduct, StateFile state, ParticipantSettings settings,
                       ParticipantListener listener) {
        this(new ChainTask(chain, client, events, settings.poll()), models, data, trainer, conduct, state, settings,
                listener);
    }

    /** A participant in the task behind {@code task}: on a chain, or in memory in unit tests. */
    public Participant(TaskPort task, ModelStore models, Dataset data, Trainer trainer, Conduct conduct,
                       StateFile state, ParticipantSettings settings, ParticipantListener listener) {
        this.task = Objects.requireNonNull(task, "task == null");
        this.models = Objects.requireNonNull(models, "models == null");
        this.data = Objects.requireNonNull(data, "data == null");
        this.trainer = Objects.requireNonNull(trainer, "trainer == null");
        this.conduct = Objects.requireNonNull(conduct, "conduct == null");
        this.state = Objects.requireNonNull(state, "state == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.listener = listener == null ? ParticipantListener.NONE : listener;
    }

    /** What a participant did in a task, read back from the chain when it finished. */
    public record Summary(String account, int roundsCommitted, int roundsAccepted, BigInteger stake,
                          BigInteger rewards) {}

    public String account() {
        return task.account();
    }

    /**
     * Takes part until the task is completed (or this participant is no longer active in it) and
     * its rewards are claimed.
     *
     * @throws ParticipantException if the task cannot be taken part in: its model does not fit
     *     the data, its rule is unknown, the state file is damaged, or the node failed too often
     */
    public Summary run() throws ParticipantException, InterruptedException {
        Timing timing = new Timing(listener);
        TaskPort timed = TimedPort.of(task, timing);
        LoadedTask loaded = LoadedTask.load(timed, models, data);
        Session session = new Session(timed, loaded, data, trainer, conduct, state, settings, listener, timing,
                new Attempts(listener));
        return new RoundLoop(session).run();
    }
}
