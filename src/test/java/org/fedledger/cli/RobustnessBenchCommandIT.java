package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fl bench robustness --quick}, CI's slice of the attack matrix, on a devnet and IPFS
 * node of its own: 7 participants under Multi-Krum with the agreement pass, 2 of them
 * sign-flipping (then adding noise, then free-riding), each a real task. Beside the output's shape, it holds the protocol to the bar: honest
 * participants are never slashed, at least 95% of attacker-rounds are slashed or unpaid, and
 * attackers take under 5% of the rewards.
 */
class RobustnessBenchCommandIT {
    @TempDir
    Path dir;

    @Test
    void quickMatrixPunishesAttackersAndNeverHonestParticipants() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("robustness.json");
        Path markdown = dir.resolve("robustness.md");
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("bench", "robustness", "--quick", "--json", json.toString(), "--markdown", markdown.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("### 30% attackers (2 of 7)", "### multi-krum-agree:f=2,m=5",
                "| sign-flip | 30% (2) | 1 |", "| noise | 30% (2) | 1 |", "| free-ride | 30% (2) | 1 |");
        assertThat(Files.readString(markdown)).contains("attacker reward share");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("baselines")).hasSize(1);
        assertThat(report.path("baselines").get(0).path("finalAccuracy").asDouble()).isGreaterThan(0.5);
        JsonNode cells = report.path("cells");
        assertThat(cells).hasSize(3);
        for (JsonNode cell : cells) {
            String attack = cell.path("attack").asText();
            assertThat(cell.path("finalizedRounds").asInt()).as(attack).isEqualTo(3);
            assertThat(cell.path("honestSlashes").asInt()).as(attack).isZero();
            assertThat(cell.path("punishedShare").asDouble()).as(attack).isGreaterThanOrEqualTo(0.95);
            assertThat(cell.path("attackerRewardShare").asDouble()).as(attack).isLessThan(0.05);
            assertThat(cell.path("finalAccuracy").asDouble()).as(attack).isGreaterThan(0.5);
        }
        // cells are sorted by attack: free-ride, noise, sign-flip
        JsonNode freeRide = cells.get(0);
        JsonNode noise = cells.get(1);
        JsonNode signFlip = cells.get(2);
        // a resubmitted global model is rejected: each free rider is slashed in rounds 1 and 2, which leaves
        // it under the minimum stake, so it is suspended from round 3
        assertThat(freeRide.path("attackerSlashes").asInt()).isEqualTo(4);
        assertThat(freeRide.path("attackerRounds").asInt()).isEqualTo(4);
        // a sign flip is a valid file: left out (or scored 0) every round, never slashed, never suspended
        assertThat(signFlip.path("attackerSlashes").asInt()).isZero();
        assertThat(signFlip.path("attackerRounds").asInt()).isEqualTo(6);
        // noise is valid but carries no learning: taken out by the agreement pass, never paid, never slashed,
        // and the model learns from the honest updates as if it were not there
        assertThat(noise.path("attackerSlashes").asInt()).isZero();
        assertThat(noise.path("attackerRounds").asInt()).isEqualTo(6);
        assertThat(noise.path("finalAccuracy").asDouble())
                .isGreaterThan(report.path("baselines").get(0).path("finalAccuracy").asDouble() - 0.015);
    }
}
