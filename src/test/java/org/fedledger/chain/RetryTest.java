package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.exceptions.ClientConnectionException;

/** The backoff schedule and its bounds, on a fake clock: no test here waits. */
class RetryTest {
    private static final String UNAUTHORIZED = "0x118cdaa7"
            + "00000000000000000000000022d491bde2303f2f43325b2108d26f1eaba1e32b";

    /** A clock whose sleeps only record their length and move its time forward. */
    static final class FakeClock implements Retry.Clock {
        final List<Duration> sleeps = new ArrayList<>();
        long nanos = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            nanos += duration.toNanos();
        }
    }

    private static List<Duration> millis(long... values) {
        List<Duration> out = new ArrayList<>();
        for (long v : values) {
            out.add(Duration.ofMillis(v));
        }
        return out;
    }

    private static ClientConnectionException http503() {
        return new ClientConnectionException("Invalid response received: 503; Service Unavailable");
    }

    @Test
    void theDefaultScheduleDoublesFrom100MillisecondsUpTo5Seconds() {
        List<Duration> delays = new ArrayList<>();
        for (int failures = 1; failures <= 9; failures++) {
            delays.add(RetryPolicy.DEFAULT.delayAfter(failures));
        }

        assertThat(delays).isEqualTo(millis(100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000));
        assertThat(RetryPolicy.DEFAULT.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void transientFailuresAreRetriedAfterTheScheduledWaits() throws Exception {
        FakeClock clock = new FakeClock();
        int[] attempts = {0};

        String result = new Retry(RetryPolicy.DEFAULT, clock).run("eth_call", () -> {
            if (++attempts[0] <= 3) {
                throw new ConnectException("Connection refused");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(attempts[0]).isEqualTo(4);
        assertThat(clock.sleeps).isEqualTo(millis(100, 200, 400));
    }

    @Test
    void itGivesUpAfterTheLastAttemptWithTheLastFailure() {
        FakeClock clock = new FakeClock();
        int[] attempts = {0};
        ClientConnectionException last = http503();

        Throwable thrown = catchThrowable(() -> new Retry(RetryPolicy.DEFAULT, clock).run("eth_call", () -> {
            attempts[0]++;
            throw last;
        }));

        assertThat(attempts[0]).isEqualTo(10);
        assertThat(clock.sleeps).isEqualTo(millis(100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000));
        assertThat(thrown).isInstanceOf(Retry.Exhausted.class).hasCause(last)
                .hasMessage("eth_call failed 10 times in 21.3 s, giving up: Invalid response received: 503; Service Unavailable");
    }

    @Test
    void itGivesUpWhenTheNextWaitWouldPassTheTimeBound() {
        FakeClock clock = new FakeClock();
        int[] attempts = {0};
        RetryPolicy oneSecond = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 100, Duration.ofSeconds(1));

        Throwable thrown = catchThrowable(() -> new Retry(oneSecond, clock).run("eth_call", () -> {
            attempts[0]++;
            clock.nanos += Duration.ofMillis(50).toNanos(); // each attempt takes 50 ms
            throw new ConnectException("Connection refused");
        }));

        // 50+100, 50+200, 50+400 = 850 ms; then 50 more and an 800 ms wait would pass 1 s
        assertThat(clock.sleeps).isEqualTo(millis(100, 200, 400));
        assertThat(attempts[0]).isEqualTo(4);
        assertThat(thrown).isInstanceOf(Retry.Exhausted.class).hasMessageStartingWith("eth_call failed 4 times in 0.9 s");
    }

    @Test
    void definiteFailuresAndRevertsAreThrownAtOnce() {
        FakeClock clock = new FakeClock();
        Retry retry = new Retry(RetryPolicy.DEFAULT, clock);
        IOException definite = new IOException("invalid argument 0: hex string has odd length");
        ContractRevertException revert = new ContractRevertException("transaction to 0xabc", UNAUTHORIZED);
        int[] attempts = {0};

        assertThat(catchThrowable(() -> retry.run("eth_call", () -> {
            attempts[0]++;
            throw definite;
        }))).isSameAs(definite);
        assertThat(catchThrowable(() -> retry.run("eth_call", () -> {
            attempts[0]++;
            throw revert;
        }))).isSameAs(revert);
        assertThat(attempts[0]).isEqualTo(2);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void anOuterLoopDoesNotRetryWhatAnInnerLoopGaveUpOn() {
        FakeClock clock = new FakeClock();
        RetryPolicy three = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 3, Duration.ofMinutes(1));
        Retry retry = new Retry(three, clock);
        int[] attempts = {0};

        Throwable thrown = catchThrowable(() -> retry.run("action", () -> retry.run("eth_sendRawTransaction", () -> {
            attempts[0]++;
            throw http503();
        })));

        assertThat(attempts[0]).isEqualTo(3);
        assertThat(clock.sleeps).isEqualTo(millis(100, 200));
        assertThat(thrown).isInstanceOf(Retry.Exhausted.class).hasMessageStartingWith("eth_sendRawTransaction failed 3 times");
    }

    @Test
    void anInterruptDuringTheWaitStopsRetryingAndKeepsTheFlag() {
        Retry.Clock interrupted = new Retry.Clock() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                throw new InterruptedException();
            }
        };

        Throwable thrown = catchThrowable(() -> new Retry(RetryPolicy.DEFAULT, interrupted).run("eth_call", () -> {
            throw new ConnectException("Connection refused");
        }));

        assertThat(Thread.interrupted()).isTrue(); // also clears it for the next test
        assertThat(thrown).isInstanceOf(InterruptedIOException.class).hasMessage("interrupted while retrying eth_call")
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(Transient.isTransient(thrown)).isFalse();
    }

    @Test
    void aPolicyRejectsBoundsThatMakeNoSense() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttempts < 1: 0");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), 3, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxDelay < initialDelay");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(-1), Duration.ofSeconds(1), 3, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
    }
}
