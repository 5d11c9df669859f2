package org.fedledger.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.report.TaskHistory.RoundStatus;
import org.junit.jupiter.api.Test;

class TaskHistoryTest {
    @Test
    void jsonHasStableFieldNamesInAFixedOrder() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Histories.threeRounds().toJson());

        assertThat(names(root)).containsExactly("task", "chainId", "phase", "currentRound", "terms", "initialAccuracy",
                "rounds", "participants");
        assertThat(names(root.path("terms"))).containsExactly("numRounds", "ruleId", "rule", "token", "quorumBps",
                "minRevealers", "minStake", "modelSpec", "initialModel", "privacy");
        assertThat(names(root.path("rounds").get(0))).containsExactly("round", "status", "aggregate", "totalWeight",
                "reward", "claimed", "committers", "revealers", "votes", "winningOrdinal", "gasUsed", "accuracy");
        assertThat(names(root.path("participants").get(0))).containsExactly("address", "status", "stake",
                "joinedWith", "rewards", "claimed", "bounties", "slashes", "roundsCommitted", "roundsRevealed",
                "roundsAccepted", "epsilonSpent");
        assertThat(root.path("terms").path("privacy").isNull()).isTrue();
        assertThat(root.path("participants").get(0).path("epsilonSpent").isNull()).isTrue();
    }

    @Test
    void aPrivateTaskShowsItsPolicyAndEachParticipantsEpsilonSpentByItsRevealedUpdates() throws Exception {
        DpPolicy policy = new DpPolicy(1, 1.18421773, 1e-5, 10);
        TaskHistory history = Histories.withPrivacy(Histories.threeRounds(), policy);
        JsonNode root = new ObjectMapper().readTree(history.toJson());

        assertThat(root.path("terms").path("privacy").path("noiseMultiplier").asDouble()).isEqualTo(1.18421773);
        assertThat(root.path("terms").path("privacy").path("epsilonBudget").asDouble()).isEqualTo(10);
        // each member revealed in 3 rounds
        assertThat(root.path("participants").get(0).path("epsilonSpent").asDouble())
                .isEqualTo(policy.spentAfter(3).epsilon());
        String html = HtmlReport.render(history);
        assertThat(html).contains("<dt>Differential privacy</dt><dd>clip norm 1, noise multiplier 1.18421773; budget "
                + "epsilon 10 at delta 0.00001 (5 updates per participant)</dd>", "<th>Epsilon spent</th>",
                String.format(java.util.Locale.ROOT, "<td>%.4g</td></tr>", policy.spentAfter(3).epsilon()));
        assertThat(HtmlReport.render(Histories.threeRounds())).doesNotContain("Epsilon", "Differential privacy");
    }

    @Test
    void jsonKeepsAmountsExactAndUnknownsNull() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Histories.threeRounds().toJson());

        JsonNode failed = root.path("rounds").get(1);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED_NO_QUORUM");
        assertThat(failed.path("aggregate").isNull()).isTrue();
        assertThat(failed.path("accuracy").isNull()).isTrue();
        assertThat(root.path("rounds").get(0).path("reward").asText()).isEqualTo("1000000000000000000000");
        assertThat(root.path("rounds").get(0).path("accuracy").asDouble()).isEqualTo(0.72);
        JsonNode slash = root.path("participants").get(2).path("slashes").get(0);
        assertThat(slash.path("kind").asText()).isEqualTo("WRONG_VOTE");
        assertThat(slash.path("amount").asText()).isEqualTo("10000000000000000000");
        assertThat(Histories.threeRounds().toJson()).isEqualTo(Histories.threeRounds().toJson());
    }

    @Test
    void roundStatusFollowsTheContractsRecord() {
        assertThat(RoundStatus.of(RoundRecord.Status.NONE)).isEqualTo(RoundStatus.RUNNING);
        assertThat(RoundStatus.of(RoundRecord.Status.FAILED_NO_REVEALS).label()).isEqualTo("failed: no reveals");
        assertThat(RoundStatus.FINALIZED.label()).isEqualTo("finalized");
        assertThat(RoundStatus.RUNNING.failed()).isFalse();
        assertThat(RoundStatus.FAILED_NO_COMMITS.failed()).isTrue();
    }

    @Test
    void agreeingVotesAreThoseForTheWinningOutcome() {
        assertThat(Histories.finalized(1, 0.5, 1).agreeingVotes()).isEqualTo(2);
        assertThat(Histories.failed(1, RoundStatus.FAILED_NO_QUORUM, 1).agreeingVotes()).isZero();
    }

    @Test
    void findsRoundsAndParticipantsAndSumsSlashes() {
        TaskHistory h = Histories.threeRounds();

        assertThat(h.round(2)).map(TaskHistory.Round::status).contains(RoundStatus.FAILED_NO_QUORUM);
        assertThat(h.round(4)).isEmpty();
        assertThat(h.participant(Histories.CAROL.toUpperCase().replace("0X", "0x"))).map(TaskHistory.Member::slashed)
                .contains(Histories.TOKEN.multiply(BigInteger.TEN));
        assertThat(h.participant(Histories.ALICE).orElseThrow().slashed()).isZero();
    }

    @Test
    void valuesCopyTheirListsAndRefuseMissingFields() {
        List<TaskHistory.Slashes> slashes = new ArrayList<>();
        TaskHistory.Member m = Histories.member(Histories.ALICE, 1, 0, slashes);
        slashes.add(new TaskHistory.Slashes(SlashKind.NO_REVEAL, 1, BigInteger.ONE));

        assertThat(m.slashes()).isEmpty();
        assertThatThrownBy(() -> new TaskHistory.Vote(null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("voter == null");
        assertThatThrownBy(() -> Histories.failed(0, RoundStatus.FAILED_NO_COMMITS, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
