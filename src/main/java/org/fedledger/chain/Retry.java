package org.fedledger.chain;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Runs an RPC step again, after an exponential backoff, while it fails transiently
 * ({@link Transient#isTransient}), within the bounds of a {@link RetryPolicy}. When the policy is
 * spent it throws {@link Exhausted}, which no retry loop retries again, so nested loops do not
 * multiply their attempts. Time and sleep come from a {@link Clock} that tests replace.
 */
final class Retry {
    private final RetryPolicy policy;
    private final Clock clock;

    Retry(RetryPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The default policy on the system clock. */
    static Retry standard() {
        return new Retry(RetryPolicy.DEFAULT, Clock.SYSTEM);
    }

    RetryPolicy policy() {
        return policy;
    }

    /** Where the retry loop reads the time and waits. */
    interface Clock {
        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }
        };

        long nanoTime();

        void sleep(Duration duration) throws InterruptedException;
    }

    /** One attempt of a step; it may fail with an I/O error or with {@code X}. */
    interface Attempt<T, X extends Exception> {
        T run() throws X, IOException;
    }

    /** Runs {@code step}, retrying it while it fails transiently. */
    <T, X extends Exception> T run(String step, Attempt<T, X> attempt) throws X, IOException {
        return run(step, attempt, Transient::isTransient);
    }

    /**
     * Runs {@code step}, retrying it while {@code retryable} accepts its failure; a failure it
     * refuses is rethrown as it is.
     */
    <T, X extends Exception> T run(String step, Attempt<T, X> attempt, Predicate<Throwable> retryable)
            throws X, IOException {
        long start = clock.nanoTime();
        for (int failures = 1; ; failures++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                Duration delay = policy.delayAfter(failures);
                Duration elapsed = Duration.ofNanos(clock.nanoTime() - start);
                if (failures >= policy.maxAttempts() || elapsed.plus(delay).compareTo(policy.maxElapsed()) > 0) {
                    throw new Exhausted(step, failures, elapsed, e);
                }
                try {
                    clock.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    InterruptedIOException stop = new InterruptedIOException("interrupted while retrying " + step);
                    stop.initCause(e);
                    throw stop;
                }
            }
        }
    }

    /**
     * A step that kept failing transiently until the policy was spent. Never transient itself:
     * the loop that threw it already waited as long as the policy allows.
     */
    static final class Exhausted extends IOException {
        private static final long serialVersionUID = 1L;

        Exhausted(String step, int attempts, Duration elapsed, Exception last) {
            super(step + " failed " + attempts + (attempts == 1 ? " time" : " times") + " in "
                    + String.format(java.util.Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0) + " s, giving up: "
                    + Chain.reason(last), last);
        }
    }
}
