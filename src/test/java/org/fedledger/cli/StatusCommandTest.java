package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.TaskPhase;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.storage.Cid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fl status}: how a task is shown, and the mistakes that need no chain. */
class StatusCommandTest {
    private static final String TASK = "0x5149e80480c2578786e9362fb0f93c7935ce82eb";
    private static final String ALICE = "0x1111111111111111111111111111111111111111";
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "status";
        all[1] = "--data-dir";
        all[2] = dir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute(all);
    }

    private static StatusCommand.Snapshot snapshot(TaskPhase phase, long deadline) {
        return snapshot(phase, deadline, null);
    }

    private static StatusCommand.Snapshot snapshot(TaskPhase phase, long deadline, DpPolicy privacy) {
        ParticipantInfo alice = new ParticipantInfo(ParticipantInfo.Status.ACTIVE, TOKEN.multiply(BigInteger.valueOf(100)),
                TOKEN.multiply(BigInteger.valueOf(1500)).add(TOKEN.divide(BigInteger.valueOf(4))), 1, 0, 2, 2, 1, 0);
        return new StatusCommand.Snapshot(TASK, 1337, "0xtoken", 3, "fedavg", 6_667, TOKEN.multiply(BigInteger.TEN.pow(2)),
                2, phase, deadline, 1_700_000_000L, 2, 2, 1, 2, 1, Cid.of(Cid.RAW, new byte[32]), privacy,
                List.of(new StatusCommand.Member(ALICE, alice, 2)));
    }

    @Test
    void aRunningRoundShowsItsPhaseDeadlineProgressAndParticipants() {
        String text = StatusCommand.toText(snapshot(TaskPhase.VOTE, 1_700_000_600L));
        assertThat(text).contains("task " + TASK + " on chain 1337",
                "rounds        3 (rule fedavg, quorum 66.67% of revealed stake, min stake 100 tokens)",
                "now           round 2 of 3, vote phase",
                "deadline      2023-11-14 22:23:20 UTC (600 s left by the chain's clock)",
                "this round    2 committed, 2 revealed, 1 voted (2 active)",
                "global model  round 1 " + Cid.of(Cid.RAW, new byte[32]),
                "participants (1)");
        assertThat(text.lines().filter(l -> l.contains(ALICE))).singleElement().satisfies(l ->
                assertThat(l.split("\\s+")).containsSubsequence(ALICE, "active", "100", "1500.25", "2", "2", "1"));
    }

    @Test
    void aPrivateTaskShowsItsPolicyAndTheEpsilonEachParticipantSpent() throws Exception {
        DpPolicy policy = new DpPolicy(1, 1.18421773, 1e-5, 10);
        String text = StatusCommand.toText(snapshot(TaskPhase.VOTE, 1_700_000_600L, policy));

        assertThat(text).contains("privacy       differential privacy: clip norm 1, noise multiplier 1.18421773; "
                + "budget epsilon 10 at delta 0.00001, 5 updates per participant");
        String spent = String.format(java.util.Locale.ROOT, "%.4g", policy.spentAfter(2).epsilon());
        assertThat(text).contains("updates  epsilon spent");
        assertThat(text.lines().filter(l -> l.contains(ALICE))).singleElement()
                .satisfies(l -> assertThat(l).endsWith("  2  " + " ".repeat(12 - spent.length()) + spent));
        assertThat(StatusCommand.toText(snapshot(TaskPhase.VOTE, 1_700_000_600L))).doesNotContain("privacy", "epsilon");

        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(StatusCommand.toJson(snapshot(TaskPhase.VOTE, 1_700_000_600L, policy)));
        assertThat(json.path("privacy").path("noiseMultiplier").asDouble()).isEqualTo(1.18421773);
        assertThat(json.path("privacy").path("roundsWithinBudget").asLong()).isEqualTo(5);
        assertThat(json.path("participants").get(0).path("updatesRevealed").asInt()).isEqualTo(2);
        assertThat(json.path("participants").get(0).path("epsilonSpent").asDouble())
                .isEqualTo(policy.spentAfter(2).epsilon());
        assertThat(StatusCommand.toJson(snapshot(TaskPhase.VOTE, 1_700_000_600L))).contains("\"privacy\" : null")
                .doesNotContain("epsilonSpent");
    }

    @Test
    void aPassedDeadlineSaysAnyoneMayAdvanceAndACompletedTaskHasNone() {
        assertThat(StatusCommand.toText(snapshot(TaskPhase.COMMIT, 1_699_999_990L)))
                .contains("(passed 10 s ago by the chain's clock: anyone may advance)");
        assertThat(StatusCommand.toText(snapshot(TaskPhase.COMPLETED, 1_699_999_990L)))
                .contains("now           completed (all 3 rounds)", "last round    2 committed")
                .doesNotContain("deadline");
    }

    @Test
    void jsonCarriesAmountsInBaseUnits() {
        String json = StatusCommand.toJson(snapshot(TaskPhase.VOTE, 1_700_000_600L));
        assertThat(json).contains("\"phase\" : \"VOTE\"", "\"secondsLeft\" : 600", "\"deadlineUtc\" : \"2023-11-14 22:23:20 UTC\"",
                "\"rewards\" : \"1500250000000000000000\"", "\"address\" : \"" + ALICE + "\"", "\"cid\" : \"");
        assertThat(StatusCommand.toJson(snapshot(TaskPhase.COMPLETED, 0))).contains("\"deadline\" : null",
                "\"secondsLeft\" : null");
    }

    @Test
    void aMalformedTaskAddressIsRefusedBeforeConnecting() {
        assertThat(run("--task", "0x1234", "--rpc-url", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("fl: --task '0x1234' is not an address (0x and 40 hex digits)\n");
    }

    @Test
    void anUnreachableNodeIsOneLineWithExitCode4() {
        assertThat(run("--task", TASK, "--rpc-url", "http://127.0.0.1:1")).isEqualTo(4);
        assertThat(err.toString()).startsWith("fl: Ethereum RPC at http://127.0.0.1:1 is unreachable")
                .contains("--rpc-url").hasLineCount(1);
    }
}
