package org.fedledger.chain;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently FedLedger retries an Ethereum RPC request that failed
 * transiently (connection refused or reset, timeout, HTTP 429/502/503/504, "header not found"):
 * the first retry waits {@code initialDelay}, each further one twice as long up to
 * {@code maxDelay}, and it gives up after {@code maxAttempts} attempts or when the next wait
 * would pass {@code maxElapsed} since the first attempt. Reverts and other definite errors are
 * never retried, whatever the policy.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts, Duration maxElapsed) {
    /** 100 ms doubling to 5 s, at most 10 attempts within 60 s (about 21 s of waiting in all). */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 10, Duration.ofSeconds(60));

    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(Duration.ZERO, Duration.ZERO, 1, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay == null");
        Objects.requireNonNull(maxDelay, "maxDelay == null");
        Objects.requireNonNull(maxElapsed, "maxElapsed == null");
        if (initialDelay.isNegative() || maxElapsed.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + initialDelay + ", " + maxElapsed);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay < initialDelay: " + maxDelay + " < " + initialDelay);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
        }
    }

    /** The wait after the {@code failures}-th failed attempt (1-based): initialDelay * 2^(failures-1), capped. */
    public Duration delayAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures < 1: " + failures);
        }
        Duration delay = initialDelay;
        for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
