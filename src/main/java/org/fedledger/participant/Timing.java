package org.fedledger.participant;

/**
 * Where one participant's wall time goes, told to its listener ({@link ParticipantListener#spent})
 * for the round the task was in. Time is measured in spans; only the outermost open span counts,
 * so a step timed as a whole (checking ended rounds) is not counted again by the port calls
 * inside it, and nothing is counted twice. A participant runs on one thread, and so does its timing.
 */
final class Timing {
    private final ParticipantListener listener;
    private long round;
    private boolean open;

    Timing(ParticipantListener listener) {
        this.listener = listener;
    }

    /** The round the task is in from now on (0: registration; after the last round, the number of rounds + 1). */
    void round(long value) {
        round = value;
    }

    /** A span of {@code work}, closed (and told) by try-with-resources; a no-op inside another span. */
    Span span(Work work) {
        if (open) {
            return Span.NONE;
        }
        open = true;
        long started = System.nanoTime();
        return () -> {
            open = false;
            listener.spent(round, work, System.nanoTime() - started);
        };
    }

    /** A timed span; closing it never throws. */
    interface Span extends AutoCloseable {
        Span NONE = () -> {};

        @Override
        void close();
    }
}
