package org.fedledger.federation;

import java.util.Objects;
import org.fedledger.chain.TaskEvents;
import org.fedledger.participant.ParticipantListener;
import org.web3j.crypto.Credentials;

/**
 * Participant {@code index}'s place in a published local federation, handed to the function
 * that makes its {@link ParticipantSpec}: its account, the task and its events (an attack needs
 * them), and the federation's log, if it keeps one.
 */
public final class Seat {
    private final int index;
    private final Credentials account;
    private final String task;
    private final TaskEvents events;
    private final ParticipantRuns runs;

    Seat(int index, Credentials account, String task, TaskEvents events, ParticipantRuns runs) {
        this.index = index;
        this.account = Objects.requireNonNull(account, "account == null");
        this.task = Objects.requireNonNull(task, "task == null");
        this.events = Objects.requireNonNull(events, "events == null");
        this.runs = Objects.requireNonNull(runs, "runs == null");
    }

    /** 1-based. */
    public int index() {
        return index;
    }

    public Credentials account() {
        return account;
    }

    /** The account's address, lower-case as events spell it. */
    public String address() {
        return account.getAddress().toLowerCase();
    }

    public String task() {
        return task;
    }

    public TaskEvents events() {
        return events;
    }

    /** A listener writing this participant's steps, as {@code name}, to the federation's log (none: discarded). */
    public ParticipantListener log(String name) {
        return runs.log(name);
    }
}
