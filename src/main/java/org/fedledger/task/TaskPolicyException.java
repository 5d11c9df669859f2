package org.fedledger.task;

/**
 * A task's policy this version cannot apply: an unknown aggregation rule id, parameters that are
 * not valid for the rule, or a policy line that is malformed or that a newer FedLedger wrote. The
 * message is one line that says which and why.
 */
public final class TaskPolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    public TaskPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
