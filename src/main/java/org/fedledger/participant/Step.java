package org.fedledger.participant;

/**
 * The outcome of one pass of the round loop: progress was made; or nothing to do until the
 * chain has {@code moved} on from what the pass saw (null: until any new block) or {@code
 * deadline} passes; or finished. A phase that finds nothing due answers {@link #NOTHING}, and
 * the loop then advances an expired phase or waits.
 */
record Step(Kind kind, TaskPort.Moved moved, long deadline) {
    enum Kind { PROGRESS, IDLE, DONE, NOTHING }

    static final Step PROGRESS = new Step(Kind.PROGRESS, null, 0);
    static final Step DONE = new Step(Kind.DONE, null, 0);
    static final Step NOTHING = new Step(Kind.NOTHING, null, 0);

    static Step idle(TaskPort.Moved moved, long deadline) {
        return new Step(Kind.IDLE, moved, deadline);
    }
}
