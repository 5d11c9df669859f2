package org.fedledger.participant;

/**
 * A participant cannot go on: its state file belongs to someone else or is damaged, its data
 * does not fit the task's model, the task cannot be joined. The message is one line that says
 * what to do.
 */
public final class ParticipantException extends Exception {
    private static final long serialVersionUID = 1L;

    public ParticipantException(String message) {
        super(message);
    }

    public ParticipantException(String message, Throwable cause) {
        super(message, cause);
    }
}
