package org.fedledger.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.fedledger.participant.Participant;
import org.fedledger.storage.Cid;
import org.junit.jupiter.api.Test;

/** The values a local federation is described and answered with. */
class FederationValuesTest {
    private static final Path DIR = Path.of("states");

    @Test
    void aTaskOfItsOwnDirectoryNamesStateFilesByParticipantAndKeepsNoLog() {
        StateFiles files = StateFiles.of(DIR);

        assertThat(files.stateFile("0xabc", 3)).isEqualTo(DIR.resolve("participant-3.json"));
        assertThat(files.log("0xabc")).isNull();
    }

    @Test
    void aSharedDirectoryNamesStateFilesAndTheLogByTask() {
        StateFiles files = StateFiles.sharedDir(DIR);

        assertThat(files.stateFile("0xabc", 3)).isEqualTo(DIR.resolve("0xabc-3.json"));
        assertThat(files.log("0xabc")).isEqualTo(DIR.resolve("0xabc.log"));
        assertThatThrownBy(() -> files.stateFile("0xabc", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunEndsWithASummaryOrAFailureNeverBothOrNeither() {
        Participant.Summary summary = new Participant.Summary("0xa", 2, 2, BigInteger.ONE, BigInteger.TEN);

        assertThatThrownBy(() -> new LocalFederation.Ended(1, summary, new RuntimeException()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalFederation.Ended(1, null, null)).isInstanceOf(IllegalArgumentException.class);
        LocalFederation.Result result = new LocalFederation.Result("0xt", BigInteger.TWO,
                Cid.of(0x55, new byte[32]),
                List.of(new LocalFederation.Ended(1, summary, null),
                        new LocalFederation.Ended(2, null, new IllegalStateException("crashed"))));
        assertThat(result.summaries()).containsExactly(summary);
    }
}
