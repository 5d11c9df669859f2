package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.fedledger.outcome.Contribution;
import org.fedledger.storage.Cid;
import org.fedledger.storage.CidCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    private static final String TASK = "0x5149E80480C2578786E9362FB0F93C7935CE82EB";
    private static final String ME = "0xffcf8fdee72ac11b5c542428b35eef5769c409f0";
    private static final String OTHER = "0x22d491bde2303f2f43325b2108d26f1eaba1e32b";
    private static final Cid UPDATE = CidCalculator.of(new byte[] {1, 2, 3});
    private static final Cid AGGREGATE = CidCalculator.of(new byte[] {4, 5, 6});

    @TempDir
    Path dir;

    private RoundEntry entry() {
        byte[] salt = new byte[32];
        salt[0] = 7;
        return RoundEntry.of(UPDATE, 2_083, salt);
    }

    @Test
    void whatIsWrittenIsWhatAFreshProcessReadsBack() throws Exception {
        Path path = dir.resolve("p.json");
        try (StateFile state = StateFile.open(path, 1337, TASK, ME)) {
            state.put(2, entry());
            state.put(1, entry().withOutcome(RoundEntry.Outcome.of(AGGREGATE,
                    List.of(new Contribution(ME, true, 2_083), new Contribution(OTHER, false, 0)))));
            state.reportedThrough(1);
        }
        try (StateFile again = StateFile.open(path, 1337, TASK.toLowerCase(), ME.toUpperCase().replace("0X", "0x"))) {
            assertThat(again.reportedThrough()).isEqualTo(1);
            assertThat(again.rounds().keySet()).containsExactly(1L, 2L);
            assertThat(again.round(2)).isEqualTo(entry());
            assertThat(again.round(2).saltBytes()[0]).isEqualTo((byte) 7);
            assertThat(again.round(1).outcome().aggregateCid()).isEqualTo(AGGREGATE);
            assertThat(again.round(1).outcome().tree().leaves()).as("in address order")
                    .containsExactly(new Contribution(OTHER, false, 0), new Contribution(ME, true, 2_083));
            assertThat(again.round(3)).isNull();
        }
    }

    @Test
    void noTemporaryFileIsLeftAndOnlyTheOwnerMayReadTheSalts() throws Exception {
        Path path = dir.resolve("p.json");
        try (StateFile state = StateFile.open(path, 1337, TASK, ME)) {
            state.put(1, entry());
        }
        assertThat(Files.exists(dir.resolve("p.json.tmp"))).isFalse();
        assertThat(Files.getPosixFilePermissions(path))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aSecondOpenWhileTheFirstHoldsTheLockIsRefused() throws Exception {
        Path path = dir.resolve("p.json");
        try (StateFile ignored = StateFile.open(path, 1337, TASK, ME)) {
            assertThatThrownBy(() -> StateFile.open(path, 1337, TASK, ME))
                    .isInstanceOf(ParticipantException.class)
                    .hasMessageContaining("in use by another participant process");
        }
        StateFile.open(path, 1337, TASK, ME).close(); // released on close
    }

    @Test
    void aStateFileOfAnotherAccountTaskOrChainIsRefused() throws Exception {
        Path path = dir.resolve("p.json");
        StateFile.open(path, 1337, TASK, ME).close();
        assertThatThrownBy(() -> StateFile.open(path, 1337, TASK, OTHER)).hasMessageContaining("belongs to account " + ME);
        assertThatThrownBy(() -> StateFile.open(path, 1337, OTHER, ME)).hasMessageContaining("own --state-file");
        assertThatThrownBy(() -> StateFile.open(path, 5, TASK, ME)).hasMessageContaining("on chain 1337");
    }

    @Test
    void aDamagedFileIsReportedNotOverwritten() throws Exception {
        Path path = dir.resolve("p.json");
        Files.writeString(path, "{\"version\":1,\"task\":");
        assertThatThrownBy(() -> StateFile.open(path, 1337, TASK, ME))
                .isInstanceOf(ParticipantException.class)
                .hasMessageContaining("is damaged")
                .hasMessageContaining("restore it");
        assertThat(Files.readString(path)).isEqualTo("{\"version\":1,\"task\":");
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws Exception {
        Path path = dir.resolve("p.json");
        Files.writeString(path, "{\"version\":9,\"chainId\":1337,\"task\":\"" + TASK.toLowerCase() + "\",\"account\":\""
                + ME + "\",\"reportedThrough\":0,\"rounds\":{}}");
        assertThatThrownBy(() -> StateFile.open(path, 1337, TASK, ME)).hasMessageContaining("format version 9");
    }

    @Test
    void roundEntriesCheckTheirValues() {
        assertThatThrownBy(() -> new RoundEntry("not-a-cid", 1, "00".repeat(32), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoundEntry(UPDATE.toString(), 1, "00".repeat(31), null))
                .hasMessageContaining("32 bytes");
    }
}
