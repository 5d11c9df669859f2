package org.fedledger.data;

/**
 * A data set could not be loaded: its files are missing, unreadable or malformed, or a data set
 * spec names nothing we know. The message is one line that says what is wrong and what to do,
 * ready to show a user as it is.
 */
public final class DataSetException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataSetException(String message) {
        super(message);
    }

    public DataSetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Returns {@code cause}'s message on one line, for quoting inside a message of ours. */
    static String oneLine(Throwable cause) {
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
