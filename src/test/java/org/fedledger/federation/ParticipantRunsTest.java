package org.fedledger.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.fedledger.participant.Participant;
import org.fedledger.participant.ParticipantException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs awaited together: in index order when all end as they may, cut short when one must not fail. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParticipantRunsTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void runsThatEndAsTheyMayAreReturnedInIndexOrder() throws Exception {
        CountDownLatch firstWaits = new CountDownLatch(1);
        ParticipantException slashedAway = new ParticipantException("stake slashed away");
        List<LocalFederation.Ended> ended;
        try (ParticipantRuns runs = new ParticipantRuns(pool, null)) {
            runs.start(1, () -> {
                firstWaits.await();
                return summary("a");
            }, null);
            runs.start(2, () -> {
                throw slashedAway;
            }, ParticipantException.class);
            runs.start(3, () -> {
                firstWaits.countDown();
                return summary("c");
            }, null);
            ended = runs.awaitAll();
        }

        assertThat(ended).extracting(LocalFederation.Ended::index).containsExactly(1, 2, 3);
        assertThat(ended.get(0).summary().account()).isEqualTo("a");
        assertThat(ended.get(1).failure()).isSameAs(slashedAway);
        assertThat(ended.get(2).summary().account()).isEqualTo("c");
    }

    @Test
    void aFailureARunMayNotStopWithCancelsTheOthersIsThrownAndLogged() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        Path log = dir.resolve("task.log");
        try (ParticipantRuns runs = new ParticipantRuns(pool, log)) {
            runs.start(1, () -> {
                try {
                    new CountDownLatch(1).await(); // waits on the others for good
                    return summary("a");
                } finally {
                    cancelled.countDown();
                }
            }, null);
            runs.start(2, () -> {
                throw new IllegalStateException("node gone");
            }, ParticipantException.class);

            assertThatThrownBy(runs::awaitAll).isInstanceOf(IllegalStateException.class).hasMessage("node gone");
        }

        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the waiting run was interrupted").isTrue();
        assertThat(Files.readString(log)).contains("participant 2 failed: java.lang.IllegalStateException: node gone");
    }

    private static Participant.Summary summary(String account) {
        return new Participant.Summary(account, 1, 1, BigInteger.ONE, BigInteger.ZERO);
    }
}
