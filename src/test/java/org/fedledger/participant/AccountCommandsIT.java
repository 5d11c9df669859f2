package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskContracts;
import org.fedledger.chain.TaskEvents;
import org.fedledger.cli.Fl;
import org.fedledger.contracts.generated.FedToken;
import org.fedledger.federation.LocalFederation;
import org.fedledger.federation.ParticipantSpec;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fl status}, {@code rewards}, {@code claim}, {@code withdraw} and {@code leave} on a real
 * task: two participants train for two rounds in this JVM, then every command runs in-process
 * against the devnet as a user would run it.
 *
 * <p>For a fresh claim, participant 2 crashes the way a killed process would: its listener
 * throws when it sees the last round end, which is before a participant's final claim. Its
 * state file then holds outcomes of two finalized rounds it never claimed, and {@code fl claim}
 * claims them from that file. (Participant 1 runs to the end and claims by itself.)
 */
@LocalServices
class AccountCommandsIT {
    private static final int ROUNDS = 2;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    record Run(int exitCode, String out, String err) {}

    /** What a participant killed right after the task completed would leave behind. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("killed before its final claim");
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void statusRewardsClaimWithdrawAndLeaveOnARealTask(TestDevnet devnet, TestIpfs ipfs, @TempDir Path dir)
            throws Exception {
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, 2, ROUNDS, "fedavg")) {
            String task = fixture.task.toLowerCase();
            String p1 = DevAccounts.account(1).getAddress().toLowerCase();
            String p2 = DevAccounts.account(2).getAddress().toLowerCase();
            String p3 = DevAccounts.account(3).getAddress().toLowerCase();
            String[] connection = {"--task", task, "--rpc-url", devnet.rpcUrl().toString(), "--ipfs-api",
                ipfs.apiUrl().toString(), "--data-dir", dir.toString()};
            Path state1 = dir.resolve("participant-1.json");
            Path state2 = dir.resolve("participant-2.json");

            Run registration = fl(connection, "status");
            assertThat(registration.exitCode()).as(registration.err()).isZero();
            assertThat(registration.out()).contains("task " + task + " on chain " + devnet.chainId(),
                    "token         " + fixture.token.toLowerCase(), "rule fedavg", "now           registration",
                    "anyone may advance", "global model  initial model ", "participants (0)");

            runTask(fixture, dir);
            TaskClient observer = fixture.observer();
            TaskEvents events = fixture.events();
            BigInteger[] expected = new BigInteger[3];
            for (int i : new int[] {1, 2}) {
                String p = i == 1 ? p1 : p2;
                expected[i] = fixture.expectedRewards(p);
            }
            assertThat(observer.rewardsOf(p1)).isEqualTo(expected[1]).isPositive();
            assertThat(observer.rewardsOf(p2)).as("participant 2 crashed before claiming").isZero();

            // status: completed, the last aggregate, both participants with their stakes and markers
            Run status = fl(connection, "status");
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("now           completed (all 2 rounds)",
                    "last round    2 committed, 2 revealed, 2 voted (2 active)",
                    "global model  round 2 " + events.finalized(2).aggregate(), "participants (2)")
                    .doesNotContain("deadline");
            assertThat(status.out().lines().filter(l -> l.contains(p1))).singleElement().satisfies(l ->
                    assertThat(l.split("\\s+")).containsSubsequence(p1, "active", tokens(observer.stakeOf(p1)),
                            tokens(expected[1]), "2", "2", "2"));
            JsonNode json = new ObjectMapper().readTree(fl(connection, "status", "--json").out());
            assertThat(json.path("phase").asText()).isEqualTo("COMPLETED");
            assertThat(json.path("globalModel").path("cid").asText()).isEqualTo(events.finalized(2).aggregate().toString());
            assertThat(json.path("participants")).hasSize(2);
            assertThat(json.path("participants").get(0).path("stake").asText())
                    .isEqualTo(observer.stakeOf(json.path("participants").get(0).path("address").asText()).toString());

            // rewards: all participants with totals; one account with the rounds it can still claim
            Run all = fl(connection, "rewards");
            assertThat(all.exitCode()).as(all.err()).isZero();
            assertThat(all.out()).contains(p1, p2, "2 participants");
            assertThat(all.out().lines().filter(l -> l.strip().startsWith("total"))).singleElement()
                    .satisfies(l -> assertThat(l.split("\\s+")).contains(
                            tokens(observer.stakeOf(p1).add(observer.stakeOf(p2))), tokens(expected[1])));
            Run one = fl(connection, "rewards", "--account", p2, "--state-file", state2.toString());
            assertThat(one.exitCode()).as(one.err()).isZero();
            assertThat(one.out()).contains(p2 + " in task " + task + ": active, stake " + tokens(observer.stakeOf(p2))
                    + " tokens, rewards 0 tokens", "claimable: rounds 1-2, " + tokens(expected[2]) + " tokens");

            // claim: participant 1 claimed everything already; participant 2's rounds are claimed from its state file
            Run nothing = fl(connection, "claim", "--dev-account", "1", "--state-file", state1.toString());
            assertThat(nothing.exitCode()).isEqualTo(2);
            assertThat(nothing.err()).startsWith("fl: nothing to claim for " + p1 + " in task " + task + ": ")
                    .contains("fl withdraw --task " + task + " --rewards").hasLineCount(1);
            Run claim = fl(connection, "claim", "--dev-account", "2", "--state-file", state2.toString());
            assertThat(claim.exitCode()).as(claim.err()).isZero();
            assertThat(claim.out()).contains("claimed rounds 1-2: credited " + tokens(expected[2]) + " tokens",
                    "rewards of " + p2 + ": " + tokens(expected[2]) + " tokens");
            assertThat(observer.rewardsOf(p2)).isEqualTo(expected[2]);
            assertThat(observer.isClaimed(p2, 1)).isTrue();
            assertThat(observer.isClaimed(p2, 2)).isTrue();
            Run again = fl(connection, "claim", "--dev-account", "2", "--state-file", state2.toString());
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err()).startsWith("fl: nothing to claim for " + p2).hasLineCount(1);
            Run noState = fl(connection, "claim", "--dev-account", "3");
            assertThat(noState.exitCode()).isEqualTo(2);
            assertThat(noState.err()).startsWith("fl: no state file at ").contains("--state-file").hasLineCount(1);

            // withdraw rewards: the wallet grows by exactly the credited balance, which drops to 0
            BigInteger wallet = balanceOf(fixture, p1);
            Run withdraw = fl(connection, "withdraw", "--rewards", "--dev-account", "1");
            assertThat(withdraw.exitCode()).as(withdraw.err()).isZero();
            assertThat(withdraw.out()).contains("withdrew " + tokens(expected[1]) + " tokens of rewards to " + p1);
            assertThat(balanceOf(fixture, p1)).isEqualTo(wallet.add(expected[1]));
            assertThat(observer.rewardsOf(p1)).isZero();
            Run empty = fl(connection, "withdraw", "--rewards", "--dev-account", "1");
            assertThat(empty.exitCode()).isEqualTo(2);
            assertThat(empty.err()).isEqualTo("fl: nothing to withdraw for " + p1 + " in task " + task
                    + ": its rewards balance is 0 (claim finalized rounds first with `fl claim --task " + task + "`)\n");
            Run member = fl(connection, "withdraw", "--stake", "--dev-account", "1");
            assertThat(member.exitCode()).isEqualTo(2);
            assertThat(member.err()).contains("it is still a member (active): leave first with `fl leave --task " + task)
                    .hasLineCount(1);
            Run stranger = fl(connection, "withdraw", "--dev-account", "3");
            assertThat(stranger.exitCode()).isEqualTo(2);
            assertThat(stranger.err()).contains("its rewards balance is 0", "it never joined the task").hasLineCount(1);

            // leave, then the stake is locked for the cooldown, then it comes back whole
            BigInteger stake = observer.stakeOf(p1);
            Run leave = fl(connection, "leave", "--dev-account", "1");
            assertThat(leave.exitCode()).as(leave.err()).isZero();
            ParticipantInfo leaving = observer.participantInfo(p1);
            assertThat(leaving.status()).isEqualTo(ParticipantInfo.Status.LEAVING);
            assertThat(leaving.unlockTime()).isPositive();
            String unlock = UTC.format(Instant.ofEpochSecond(leaving.unlockTime()));
            assertThat(leave.out()).contains(p1 + " leaves task " + task + ": its last active round, 2, has ended",
                    "its stake of " + tokens(stake) + " tokens unlocks at " + unlock);
            Run locked = fl(connection, "withdraw", "--stake", "--dev-account", "1");
            assertThat(locked.exitCode()).isEqualTo(2);
            assertThat(locked.err()).startsWith("fl: nothing to withdraw for " + p1 + " in task " + task
                    + ": its stake is locked until " + unlock + " (in ").endsWith(": try again then\n").hasLineCount(1);
            Run twice = fl(connection, "leave", "--dev-account", "1");
            assertThat(twice.exitCode()).isEqualTo(2);
            assertThat(twice.err()).startsWith("fl: " + p1 + " cannot leave task " + task + ": it is leaving already")
                    .contains(unlock).hasLineCount(1);
            Run notMember = fl(connection, "leave", "--dev-account", "3");
            assertThat(notMember.exitCode()).isEqualTo(2);
            assertThat(notMember.err()).isEqualTo("fl: " + p3 + " cannot leave task " + task
                    + ": it never joined (check --task and the signing key)\n");

            devnet.increaseTime(fixture.terms.leaveCooldown().toSeconds() + 1);
            wallet = balanceOf(fixture, p1);
            Run out = fl(connection, "withdraw", "--dev-account", "1");
            assertThat(out.exitCode()).as(out.err()).isZero();
            assertThat(out.out()).contains("withdrew " + tokens(stake) + " tokens of stake to " + p1,
                    "not withdrawn: its rewards balance is 0");
            assertThat(balanceOf(fixture, p1)).isEqualTo(wallet.add(stake));
            assertThat(observer.participantInfo(p1).status()).isEqualTo(ParticipantInfo.Status.LEFT);
            assertThat(fl(connection, "status").out().lines().filter(l -> l.contains(p1))).singleElement()
                    .satisfies(l -> assertThat(l.split("\\s+")).contains("left"));
        }
    }

    @Test
    void anUnknownTaskOrAWrongChainIsOneLineWithExitCode4(TestDevnet devnet, TestIpfs ipfs, @TempDir Path dir)
            throws Exception {
        String token;
        try (Chain chain = devnet.connect()) {
            token = new TaskContracts(chain, DevAccounts.account(0)).deployToken("Not A Task", "NAT").toLowerCase();
        }
        String nowhere = "0x" + "0".repeat(36) + "dead";
        String[] base = {"--rpc-url", devnet.rpcUrl().toString(), "--ipfs-api", ipfs.apiUrl().toString(),
            "--data-dir", dir.toString()};

        for (String command : List.of("status", "rewards", "claim", "withdraw", "leave")) {
            boolean signs = !command.equals("status") && !command.equals("rewards");
            Run run = signs ? fl(base, command, "--task", nowhere, "--dev-account", "1")
                    : fl(base, command, "--task", nowhere);
            assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(4);
            assertThat(run.err()).as(command).isEqualTo("fl: no FedLedger task at " + nowhere + " on chain "
                    + devnet.chainId() + ": check --task and --rpc-url\n");
        }
        Run notATask = fl(base, "status", "--task", token);
        assertThat(notATask.exitCode()).isEqualTo(4);
        assertThat(notATask.err()).startsWith("fl: no FedLedger task at " + token + " on chain " + devnet.chainId())
                .hasLineCount(1);

        Run wrongChain = fl(base, "status", "--task", token, "--chain-id", String.valueOf(devnet.chainId() + 1));
        assertThat(wrongChain.exitCode()).isEqualTo(4);
        assertThat(wrongChain.err()).isEqualTo("fl: the node at " + devnet.rpcUrl() + " is on chain " + devnet.chainId()
                + ", not chain " + (devnet.chainId() + 1) + ": check --rpc-url and --chain-id\n");
    }

    /** Participant 1 runs to the end; participant 2 "crashes" when it sees the last round end, before claiming. */
    private static void runTask(TaskFixture fixture, Path dir) throws Exception {
        ParticipantListener crashAtTheEnd = new ParticipantListener() {
            @Override
            public void roundEnded(long round, RoundRecord result, boolean agreed) {
                if (round == ROUNDS) {
                    throw new Crash();
                }
            }
        };
        LocalFederation.Result run = fixture.run(dir, seat -> {
            int i = seat.index();
            return new ParticipantSpec(fixture.partitions.get(i - 1), fixture.honest(i).trainer(),
                    ParticipantSettings.defaults(2), i == 1 ? ParticipantListener.NONE : crashAtTheEnd)
                    .mayStopWith(i == 1 ? null : Crash.class);
        });
        assertThat(run.participants().get(0).failure()).isNull();
        assertThat(run.participants().get(1).failure()).as("participant 2 should have crashed")
                .isInstanceOf(Crash.class);
    }

    private static Run fl(String[] base, String command, String... args) {
        String[] all = new String[1 + base.length + args.length];
        all[0] = command;
        System.arraycopy(base, 0, all, 1, base.length);
        System.arraycopy(args, 0, all, 1 + base.length, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    private static BigInteger balanceOf(TaskFixture fixture, String account) throws Exception {
        return FedToken.load(fixture.token, fixture.chain.web3j(), fixture.chain.transactionManager(
                DevAccounts.account(0)), fixture.chain.gasProvider()).balanceOf(account).send();
    }

    private static String tokens(BigInteger amount) {
        return new BigDecimal(amount, 18).stripTrailingZeros().toPlainString();
    }
}
