package org.fedledger.cli;

import org.fedledger.chain.TaskMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedledger.aggregation.AggregationRule;
import org.fedledger.aggregation.AggregationRules;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskContracts;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.deploy.Deployment;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fl task create} and {@code fl task list} on the test devnet and IPFS node, after
 * {@code fl deploy}: the task on the chain has exactly the rules asked for and names the model
 * spec and initial weights that IPFS serves; each mistake ends in one line and its exit code,
 * before any transaction.
 */
@LocalServices
class TaskCommandIT {
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final Pattern CREATED = Pattern.compile("Task (0x[0-9a-f]{40}) created in block (\\d+) on chain (\\d+)");

    @TempDir
    Path dir;

    private TestDevnet devnet;
    private TestIpfs ipfs;
    private Deployment deployment;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void deploy(TestDevnet devnet, TestIpfs ipfs) throws Exception {
        this.devnet = devnet;
        this.ipfs = ipfs;
        Run run = fl("deploy", "--data-dir", dir.toString(), "--rpc-url", devnet.rpcUrl().toString(),
                "--mint", "deployer:100000");
        assertThat(run.code()).as("deploy: %s", run.err()).isZero();
        deployment = Deployment.read(dir.resolve("deployment.json"));
    }

    private Run fl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run task(String command, String... more) {
        List<String> args = new ArrayList<>(List.of("task", command, "--data-dir", dir.toString(), "--rpc-url",
                devnet.rpcUrl().toString(), "--ipfs-api", ipfs.apiUrl().toString()));
        args.addAll(List.of(more));
        if (command.equals("list")) {
            args.removeAll(List.of("--ipfs-api", ipfs.apiUrl().toString()));
        }
        return fl(args.toArray(String[]::new));
    }

    private static void assertOneLineFailure(Run run, int code, String message) {
        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isEqualTo(code);
        assertThat(run.err()).hasLineCount(1).startsWith("fl: ").contains(message).doesNotContain("Exception");
    }

    private long taskCount() throws Exception {
        try (Chain chain = devnet.connect()) {
            return new TaskContracts(chain, DevAccounts.account(0)).taskCount(deployment.factory());
        }
    }

    @Test
    void createMakesAFundedTaskWithTheRulesAskedForAndThePublishedModel() throws Exception {
        Run run = task("create", "--rounds", "4", "--model", "tabular-mlp:13:3", "--rule", "trimmed-mean:0.2",
                "--pool", "2500", "--min-stake", "50", "--stake-per-sample", "0.5", "--sample-cap", "1000",
                "--registration", "30", "--commit", "40", "--reveal", "50", "--vote", "60", "--leave-cooldown", "70",
                "--quorum", "7500", "--min-revealers", "2", "--miss-tolerance", "3", "--slash-no-reveal", "200",
                "--slash-rejected", "300", "--slash-wrong-vote", "400", "--slash-missed-rounds", "500",
                "--reporter-bounty", "600");

        assertThat(run.code()).as("stderr: %s", run.err()).isZero();
        Matcher created = CREATED.matcher(run.out());
        assertThat(created.find()).as(run.out()).isTrue();
        String task = created.group(1);
        BigInteger block = new BigInteger(created.group(2));
        assertThat(Long.parseLong(created.group(3))).isEqualTo(devnet.chainId());
        assertThat(run.out()).contains("fl participant run --task " + task + " --from-block " + block);

        ModelSpec spec = ModelSpecs.get("tabular-mlp:13:3");
        AggregationRule rule = AggregationRules.parse("trimmed-mean:0.2");
        try (Chain chain = devnet.connect()) {
            TaskClient client = new TaskClient(chain, DevAccounts.account(0), task);
            assertThat(client.rules()).isEqualTo(new TaskRules(deployment.token(), TOKEN.multiply(BigInteger.valueOf(50)),
                    TOKEN.divide(BigInteger.TWO), 1000, 4, Duration.ofSeconds(30), Duration.ofSeconds(40),
                    Duration.ofSeconds(50), Duration.ofSeconds(60), Duration.ofSeconds(70), 7500, 2, 3, 200, 300, 400, 500,
                    600, rule.ruleId()));
            TaskMetadata content = client.metadata();
            assertThat(content.aggregationParams()).isEqualTo("0.2".getBytes(StandardCharsets.UTF_8));
            ModelStore models = new ModelStore(new IpfsRpcClient(ipfs.apiUrl()));
            ModelSpec published = models.getSpec(content.modelSpec());
            assertThat(published.json()).isEqualTo(spec.json());
            assertThat(models.getWeights(content.initialModel(), published).values()).isEqualTo(spec.initialWeights());
            assertThat(client.position().phase()).isEqualTo(TaskPhase.REGISTRATION);

            TaskContracts contracts = new TaskContracts(chain, DevAccounts.account(0));
            assertThat(contracts.balanceOf(deployment.token(), task)).isEqualTo(TOKEN.multiply(BigInteger.valueOf(2500)));
            assertThat(contracts.creationBlock(deployment.factory(), task, null)).isEqualTo(block);
            assertThat(contracts.tasks(deployment.factory(), 0, 10)).containsExactly(task);
        }
    }

    @Test
    void listShowsTheFactorysTasksPageByPage() throws Exception {
        assertThat(task("list").out()).contains("has 0 tasks: create one with fl task create");
        List<String> tasks = new ArrayList<>();
        for (int rounds : new int[] {2, 3}) {
            Run run = task("create", "--rounds", Integer.toString(rounds), "--pool", "10");
            assertThat(run.code()).as("stderr: %s", run.err()).isZero();
            Matcher created = CREATED.matcher(run.out());
            assertThat(created.find()).isTrue();
            tasks.add(created.group(1));
        }

        Run all = task("list");
        assertThat(all.code()).as("stderr: %s", all.err()).isZero();
        assertThat(all.out()).contains("tasks 1-2 of 2", tasks.get(0), tasks.get(1), "registration");
        Run second = task("list", "--offset", "1", "--limit", "1");
        assertThat(second.out()).contains("tasks 2-2 of 2", tasks.get(1)).doesNotContain(tasks.get(0));
    }

    @Test
    void aPoolLargerThanTheCreatorsBalanceIsRefusedSayingWhatToDo() throws Exception {
        String creator = DevAccounts.account(0).getAddress();
        assertOneLineFailure(task("create", "--rounds", "2", "--pool", "1000000"), 2, "creator " + creator
                + " holds 100000 FLT, the pool needs 1000000 FLT: mint or transfer tokens to it, or lower --pool");
        assertOneLineFailure(task("create", "--rounds", "2", "--dev-account", "3"), 2, "creator "
                + DevAccounts.account(3).getAddress() + " holds 0 FLT, the pool needs 2000 FLT");
        assertThat(taskCount()).isZero();
    }

    @Test
    void unknownRulesAndModelsAndBadRulesAreRefused() throws Exception {
        assertOneLineFailure(task("create", "--rounds", "2", "--rule", "mean"), 2, "unknown aggregation rule 'mean': use fedavg");
        assertOneLineFailure(task("create", "--rounds", "2", "--model", "resnet"), 2, "unknown model spec 'resnet': use mlp");
        assertOneLineFailure(task("create", "--rounds", "2", "--quorum", "4000"), 2,
                "--quorum must be between 5001 and 10000, not 4000");
        assertOneLineFailure(task("create", "--rounds", "0"), 2, "--rounds must be between 1 and 16777214, not 0");
        assertOneLineFailure(task("create", "--rounds", "2", "--slash-rejected", "10001"), 2,
                "--slash-rejected must be between 0 and 10000 (basis points), not 10001");
        assertOneLineFailure(task("create", "--rounds", "2", "--miss-tolerance", "70000"), 2,
                "--miss-tolerance 70000 is above 65535, the most the task contract stores");
        assertOneLineFailure(task("create", "--rounds", "2", "--pool", "much"), 2, "--pool 'much' is not a number of tokens");
        assertThat(taskCount()).isZero();
    }

    @Test
    void aDeploymentFileOfAnotherChainIsRefused() throws Exception {
        Path other = dir.resolve("other-chain.json");
        new Deployment(5, "https://goerli.example", deployment.factory(), deployment.token(), deployment.deployer(),
                BigInteger.ONE, Instant.now(), "dev").write(other);

        assertOneLineFailure(task("create", "--rounds", "2", "--deployment", other.toString()), 2,
                "deployment file " + other + " is for chain 5, the node is on chain " + devnet.chainId());
    }

    @Test
    void aMissingDeploymentFileSaysToDeployFirst() throws Exception {
        Files.delete(dir.resolve("deployment.json"));
        assertOneLineFailure(task("create", "--rounds", "2"), 2, "no deployment file " + dir.resolve("deployment.json")
                + ": run `fl deploy` first or pass --factory ADDRESS --token ADDRESS");
        assertOneLineFailure(task("list"), 2, "run `fl deploy` first or pass --factory ADDRESS");

        Run run = task("create", "--rounds", "2", "--pool", "5", "--factory", deployment.factory(), "--token",
                deployment.token());
        assertThat(run.code()).as("stderr: %s", run.err()).isZero();
        assertThat(task("list", "--factory", deployment.factory()).out()).contains("tasks 1-1 of 1");
    }

    @Test
    void aStaleDeploymentFileIsNamed() throws Exception {
        Path stale = dir.resolve("stale.json");
        new Deployment(devnet.chainId(), devnet.rpcUrl().toString(), "0x00000000000000000000000000000000000000aa",
                deployment.token(), deployment.deployer(), BigInteger.ONE, Instant.now(), "dev").write(stale);

        assertOneLineFailure(task("create", "--rounds", "2", "--deployment", stale.toString()), 2,
                "no contract at factory 0x00000000000000000000000000000000000000aa on chain " + devnet.chainId()
                        + ": the deployment file " + stale + " is stale");
    }

    @Test
    void anUnreachableIpfsNodeStopsCreationBeforeAnyTransaction() throws Exception {
        Run run = fl("task", "create", "--data-dir", dir.toString(), "--rpc-url", devnet.rpcUrl().toString(),
                "--ipfs-api", "http://127.0.0.1:1", "--rounds", "2");

        assertOneLineFailure(run, 5, "IPFS API at http://127.0.0.1:1 is unreachable");
        assertThat(taskCount()).isZero();
    }
}
