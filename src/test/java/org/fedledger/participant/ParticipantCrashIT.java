package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A participant running as its own process ({@code fl participant run}) is killed with SIGKILL
 * right after its round-2 commitment reached the chain, before it revealed, and started again:
 * it finds its salt in its state file, reveals, and finishes the task with its stake intact.
 */
@LocalServices
class ParticipantCrashIT {
    private static final int PARTICIPANTS = 4;
    private static final int ROUNDS = 3;
    private static final int CRASHING = 4;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aParticipantKilledBetweenCommitAndRevealFinishesTheTaskUnslashed(TestDevnet devnet, TestIpfs ipfs,
                                                                          @TempDir Path dir) throws Exception {
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, PARTICIPANTS, ROUNDS, "fedavg")) {
            List<Participant> inProcess = new ArrayList<>();
            for (int i = 1; i < CRASHING; i++) {
                inProcess.add(fixture.participant(i, dir, PARTICIPANTS, ParticipantListener.NONE));
            }
            String crashing = DevAccounts.account(CRASHING).getAddress().toLowerCase();
            List<String> args = List.of("--task", fixture.task, "--rpc-url", devnet.rpcUrl().toString(),
                    "--ipfs-api", ipfs.apiUrl().toString(), "--dev-account", String.valueOf(CRASHING),
                    "--parts", String.valueOf(PARTICIPANTS), "--part", String.valueOf(CRASHING), "--seed", "7",
                    "--await-participants", String.valueOf(PARTICIPANTS),
                    "--state-file", dir.resolve("crashing.json").toString());

            ExecutorService pool = Executors.newFixedThreadPool(inProcess.size());
            try {
                List<Future<Participant.Summary>> running = new ArrayList<>();
                for (Participant p : inProcess) {
                    running.add(pool.submit(p::run));
                }
                try (ParticipantProcess first = ParticipantProcess.start(dir, args)) {
                    assertThat(first.awaitLine(l -> l.contains("round 2: committed"), 5, TimeUnit.MINUTES))
                            .as("the process commits in round 2; its output: %s", first.output()).isTrue();
                    first.kill();
                    assertThat(first.output()).noneMatch(l -> l.contains("round 2: revealed"));
                }
                TaskClient observer = fixture.observer();
                assertThat(observer.participantInfo(crashing).commitRound()).isEqualTo(2);
                assertThat(observer.participantInfo(crashing).revealRound()).isEqualTo(1);

                try (ParticipantProcess second = ParticipantProcess.start(dir, args)) {
                    assertThat(second.awaitExit(5, TimeUnit.MINUTES)).as("exit code; output: %s", second.output())
                            .isZero();
                    assertThat(second.output()).anyMatch(l -> l.contains("round 2: revealed"))
                            .noneMatch(l -> l.contains("round 2: committed"))
                            .anyMatch(l -> l.contains("round 3: committed"));
                }
                for (Future<Participant.Summary> f : running) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }

            TaskClient observer = fixture.observer();
            TaskEvents events = fixture.events();
            assertThat(observer.position().phase()).isEqualTo(TaskPhase.COMPLETED);
            assertThat(events.finalized()).extracting(TaskEvents.Finalized::round).containsExactly(1L, 2L, 3L);
            for (long round = 1; round <= ROUNDS; round++) {
                assertThat(events.revealed(round)).extracting(TaskEvents.Revealed::participant).contains(crashing);
            }
            assertThat(events.slashes()).isEmpty();
            BigInteger joinedWith = events.joins().stream().filter(j -> j.participant().equals(crashing))
                    .findFirst().orElseThrow().amount();
            assertThat(observer.stakeOf(crashing)).isEqualTo(joinedWith);
            assertThat(observer.rewardsOf(crashing)).isPositive().isEqualTo(fixture.expectedRewards(crashing));
        }
    }
}
