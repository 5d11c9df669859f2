package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Every participant is an OS process of its own ({@code fl participant run}), each with its own
 * JVM, key, data partition and state file, sharing nothing but the devnet and the IPFS node:
 * the deployment a real federation would have.
 */
@LocalServices
class ParticipantProcessesIT {
    private static final int PARTICIPANTS = 3;
    private static final int ROUNDS = 2;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void threeParticipantProcessesCompleteATask(TestDevnet devnet, TestIpfs ipfs, @TempDir Path dir) throws Exception {
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, PARTICIPANTS, ROUNDS, "fedavg")) {
            List<ParticipantProcess> processes = new ArrayList<>();
            try {
                for (int i = 1; i <= PARTICIPANTS; i++) {
                    processes.add(ParticipantProcess.start(dir.resolve("p" + i), List.of("--task", fixture.task,
                            "--rpc-url", devnet.rpcUrl().toString(), "--chain-id", String.valueOf(fixture.chain.chainId()),
                            "--ipfs-api", ipfs.apiUrl().toString(), "--dev-account", String.valueOf(i),
                            "--split", "dirichlet:1.0", "--parts", String.valueOf(PARTICIPANTS), "--part", String.valueOf(i),
                            "--await-participants", String.valueOf(PARTICIPANTS))));
                }
                for (ParticipantProcess p : processes) {
                    assertThat(p.awaitExit(8, TimeUnit.MINUTES)).as("exit code; output: %s", p.output()).isZero();
                    assertThat(p.output()).anyMatch(l -> l.startsWith("done: " + ROUNDS + " rounds committed, "
                            + ROUNDS + " accepted"));
                }
            } finally {
                for (ParticipantProcess p : processes) {
                    p.close();
                }
            }
            TaskClient observer = fixture.observer();
            TaskEvents events = fixture.events();
            assertThat(observer.position().phase()).isEqualTo(TaskPhase.COMPLETED);
            assertThat(events.finalized()).extracting(TaskEvents.Finalized::round).containsExactly(1L, 2L);
            assertThat(events.slashes()).isEmpty();
            for (TaskEvents.Revealed r : events.revealed(ROUNDS)) {
                assertThat(observer.rewardsOf(r.participant())).isPositive()
                        .isEqualTo(fixture.expectedRewards(r.participant()));
            }
            assertThat(events.revealed(1)).hasSize(PARTICIPANTS);
        }
    }
}
