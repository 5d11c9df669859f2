package org.fedledger.participant;

import org.fedledger.data.Dataset;

/**
 * Everything one participant's phases share: the task through its (timed) port, the task as
 * loaded, the participant's data, trainer, conduct and state file, its settings, listener and
 * timing, and the actions the contract refused.
 */
record Session(TaskPort task, LoadedTask loaded, Dataset data, Trainer trainer, Conduct conduct, StateFile state,
               ParticipantSettings settings, ParticipantListener listener, Timing timing, Attempts attempts) {

    String account() {
        return task.account();
    }

    /** The samples this participant bonds and trains on. */
    long numSamples() {
        return loaded.numSamples(data);
    }
}
