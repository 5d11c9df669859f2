package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskContracts;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.cli.Fl;
import org.fedledger.deploy.TaskPublisher;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.report.HtmlReport;
import org.fedledger.report.ModelAccuracy;
import org.fedledger.report.TaskHistory;
import org.fedledger.report.TaskHistoryReader;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.task.TaskPolicy;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real task: three honest participants train for two rounds, then the history
 * is read back from the chain alone and checked against the task's own views, and
 * {@code fl report} writes the same history as HTML and JSON. In this package for
 * {@link TaskFixture}.
 */
@LocalServices
class TaskHistoryIT {
    private static final int PARTICIPANTS = 3;
    private static final int ROUNDS = 2;

    record Run(int exitCode, String out, String err) {}

    static Run fl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void historyOfARealTaskMatchesTheChainAndFlReportWritesIt(TestDevnet devnet, TestIpfs ipfs, @TempDir Path dir)
            throws Exception {
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, PARTICIPANTS, ROUNDS, "fedavg")) {
            List<Participant> participants = new ArrayList<>();
            for (int i = 1; i <= PARTICIPANTS; i++) {
                participants.add(fixture.participant(i, dir, PARTICIPANTS, ParticipantListener.NONE));
            }
            FederatedTrainingIT.runAll(participants);
            TaskClient observer = fixture.observer();
            TaskEvents events = fixture.events();
            ModelSpec spec = fixture.models.getSpec(observer.metadata().modelSpec());

            long started = System.nanoTime();
            TaskHistory h = TaskHistoryReader.open(fixture.chain, fixture.task, null)
                    .read(new ModelAccuracy(fixture.models, spec, fixture.data.test()));
            System.out.printf("history read in %.1f s%n", (System.nanoTime() - started) / 1e9);

            assertThat(h.task()).isEqualTo(fixture.task.toLowerCase());
            assertThat(h.chainId()).isEqualTo(fixture.chain.chainId());
            assertThat(h.phase()).isEqualTo(TaskPhase.COMPLETED);
            assertThat(h.terms().numRounds()).isEqualTo(ROUNDS);
            assertThat(h.terms().rule()).isEqualTo("fedavg");
            assertThat(h.terms().token()).isEqualTo(fixture.token.toLowerCase());
            assertThat(h.terms().quorumBps()).isEqualTo(fixture.terms.quorumBps());

            // rounds: all finalized, with the aggregates, rewards and voters the chain recorded
            assertThat(h.rounds()).extracting(TaskHistory.Round::number).containsExactly(1L, 2L);
            Map<String, Long> samples = new HashMap<>();
            events.revealed(1).forEach(r -> samples.put(r.participant(), r.numSamples()));
            for (TaskHistory.Round r : h.rounds()) {
                TaskEvents.Finalized f = events.finalized(r.number());
                assertThat(r.status()).isEqualTo(TaskHistory.RoundStatus.FINALIZED);
                assertThat(r.aggregate()).contains(f.aggregate());
                assertThat(r.reward()).isEqualTo(f.reward()).isPositive();
                assertThat(r.totalWeight()).isEqualTo(f.totalWeight());
                assertThat(r.revealers()).containsExactlyInAnyOrderElementsOf(samples.keySet());
                assertThat(r.committers()).hasSize(PARTICIPANTS);
                assertThat(r.votes()).hasSizeGreaterThanOrEqualTo(2);
                assertThat(r.agreeingVotes()).isEqualTo(r.votes().size());
                assertThat(r.claimed()).isLessThanOrEqualTo(r.reward())
                        .isGreaterThan(r.reward().subtract(BigInteger.valueOf(PARTICIPANTS)));
                // at least a commit, a reveal and a vote of 21,000 gas each per participant, and not absurdly more
                assertThat(r.gasUsed().orElseThrow()).isBetween(21_000L * 8, 5_000_000L);
            }

            // accuracy: the trained model beats the initial one
            double initial = h.initialAccuracy().orElseThrow();
            double last = h.round(2).orElseThrow().accuracy().orElseThrow();
            assertThat(last).isGreaterThan(initial + 0.3);

            // participants: rewards as rewardsOf says, claims as the rule pays, nothing slashed
            assertThat(h.participants()).extracting(TaskHistory.Member::address)
                    .containsExactlyElementsOf(observer.participants());
            for (TaskHistory.Member m : h.participants()) {
                BigInteger expected = fixture.expectedRewards(m.address());
                assertThat(m.rewards()).as(m.address()).isEqualTo(observer.rewardsOf(m.address()));
                assertThat(m.claimed()).isEqualTo(expected).isEqualTo(m.rewards());
                assertThat(m.bounties()).isZero();
                assertThat(m.slashes()).isEmpty();
                assertThat(m.stake()).isEqualTo(observer.stakeOf(m.address())).isEqualTo(m.joinedWith());
                assertThat(m.status()).isEqualTo(ParticipantInfo.Status.ACTIVE);
                assertThat(List.of(m.roundsCommitted(), m.roundsRevealed(), m.roundsAccepted()))
                        .containsOnly(ROUNDS);
            }

            // fl report writes the same history, as HTML with the three plots and as JSON
            Path html = dir.resolve("out").resolve("report.html");
            Path json = dir.resolve("out").resolve("report.json");
            Run run = fl("report", "--task", fixture.task, "--out", html.toString(), "--json", json.toString(),
                    "--accuracy", "--rpc-url", devnet.rpcUrl().toString(), "--chain-id", String.valueOf(devnet.chainId()),
                    "--ipfs-api", ipfs.apiUrl().toString(), "--data-dir", dir.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("wrote " + html, "2 rounds, 3 participants");
            String page = Files.readString(html);
            assertThat(page).contains("<svg id=\"accuracy-plot\"", "<svg id=\"rewards-plot\"", "<svg id=\"gas-plot\"",
                    fixture.task.toLowerCase(), "on chain " + devnet.chainId());
            assertThat(page).isEqualTo(HtmlReport.render(h));
            assertThat(Files.readString(json)).isEqualTo(h.toJson());
        }
    }

    @Test
    void unknownOrWrongTaskAddressesFailWithOneLine(TestDevnet devnet, TestIpfs ipfs, @TempDir Path dir)
            throws Exception {
        String[] connection = {"--rpc-url", devnet.rpcUrl().toString(), "--ipfs-api", ipfs.apiUrl().toString(),
            "--data-dir", dir.toString(), "--out", dir.resolve("r.html").toString()};
        String token;
        try (Chain chain = devnet.connect()) {
            token = new TaskContracts(chain, DevAccounts.account(0)).deployToken("Not A Task", "NAT");
        }

        Run nothing = fl(concat(new String[] {"report", "--task", "0x" + "0".repeat(36) + "dead"}, connection));
        assertThat(nothing.exitCode()).isEqualTo(4);
        assertThat(nothing.err()).startsWith("fl: no contract at 0x" + "0".repeat(36) + "dead on chain "
                + devnet.chainId()).hasLineCount(1);

        Run notATask = fl(concat(new String[] {"report", "--task", token}, connection));
        assertThat(notATask.exitCode()).isEqualTo(4);
        assertThat(notATask.err()).contains("is not a FedLedger task").hasLineCount(1);

        Run malformed = fl(concat(new String[] {"report", "--task", "0x1234"}, connection));
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).isEqualTo("fl: '0x1234' is not a task address (0x and 40 hex digits)\n");
        assertThat(dir.resolve("r.html")).doesNotExist();
    }

    @Test
    void accuracyIsRefusedForAModelThatDoesNotTakeMnist(TestDevnet devnet, TestIpfs ipfs, @TempDir Path dir)
            throws Exception {
        String task;
        try (Chain chain = devnet.connect()) {
            TaskContracts contracts = new TaskContracts(chain, DevAccounts.account(0));
            String token = contracts.deployToken("Tabular", "TAB");
            BigInteger pool = TaskFixture.TOKEN.multiply(BigInteger.valueOf(10));
            contracts.mint(token, DevAccounts.account(0).getAddress(), pool);
            task = new TaskPublisher(contracts, new ModelStore(new IpfsRpcClient(ipfs.apiUrl())))
                    .publish(contracts.deployFactory(), TaskRules.defaults(token, 3), ModelSpecs.get("tabular-mlp:4:3"),
                            TaskPolicy.of("median"), pool).task();
        }
        String[] args = {"report", "--task", task, "--rpc-url", devnet.rpcUrl().toString(), "--ipfs-api",
            ipfs.apiUrl().toString(), "--data-dir", dir.toString(), "--out", dir.resolve("r.html").toString()};

        Run refused = fl(concat(args, "--accuracy"));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("fl: cannot use --accuracy: the task's model takes 4 features and 3 "
                + "classes, but the test set mnist-test has 784 features and 10 classes").hasLineCount(1);

        Run plain = fl(args);
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(Files.readString(dir.resolve("r.html"))).contains("registration", "median", "No round has started.",
                "No participant joined.");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
