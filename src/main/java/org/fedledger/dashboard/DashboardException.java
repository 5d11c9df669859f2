package org.fedledger.dashboard;

/** The dashboard could not serve: its address is taken or cannot be bound. */
public final class DashboardException extends Exception {
    private static final long serialVersionUID = 1L;

    public DashboardException(String message, Throwable cause) {
        super(message, cause);
    }
}
