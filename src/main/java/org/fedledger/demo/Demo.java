package org.fedledger.demo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.adversary.ScaledUpdate;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.DataSets;
import org.fedledger.data.Dataset;
import org.fedledger.data.Partitioners;
import org.fedledger.data.Split;
import org.fedledger.federation.Contracts;
import org.fedledger.federation.LocalFederation;
import org.fedledger.federation.LocalTask;
import org.fedledger.federation.ParticipantSpec;
import org.fedledger.federation.StateFiles;
import org.fedledger.localnet.LocalService;
import org.fedledger.localnet.StopOnExit;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.LocalTrainer;
import org.fedledger.participant.ParticipantSettings;
import org.fedledger.participant.Trainer;
import org.fedledger.report.ModelAccuracy;
import org.fedledger.report.TaskHistory;
import org.fedledger.report.TaskHistoryReader;
import org.fedledger.storage.CachingContentStore;
import org.fedledger.storage.Cid;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.task.TaskPolicy;

/**
 * The one-command demo: a devnet and an IPFS node of its own, the contracts deployed, a funded
 * task, and N participants (the last ones poisoning their updates) training the task's model on
 * a non-IID split for R rounds, each running the full protocol on its own thread; then every
 * figure read back from the chain and the IPFS node: global test accuracy per round, and per
 * participant its stake, rewards, slashes and accepted rounds.
 */
public final class Demo {
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    private final DemoSettings settings;
    private final PrintWriter out;
    private final boolean terminal;

    public Demo(DemoSettings settings, PrintWriter out, boolean terminal) {
        this.settings = settings;
        this.out = out;
        this.terminal = terminal;
    }

    /** One round as the chain recorded it, with the global model's accuracy on the test split. */
    public record RoundRow(long round, String status, String aggregate, Double accuracy) {}

    /**
     * One participant as the chain records it at the end; a round is accepted when the
     * participant claimed a reward for it.
     */
    public record ParticipantRow(int index, String account, String role, int samples, BigInteger stakeJoined,
                                 BigInteger stake, BigInteger rewards, int slashes, BigInteger slashed,
                                 int roundsAccepted) {}

    /** What the demo did and measured. */
    public record Result(DemoSettings settings, String rule, String model, long chainId, String task,
                         double initialAccuracy, List<RoundRow> rounds, List<ParticipantRow> participants,
                         double seconds, @JsonIgnore TaskHistory history) {}

    /** Runs the demo with its services' files in {@code workDir}; stops the services it started before returning. */
    public Result run(Path workDir) throws Exception {
        long started = System.nanoTime();
        step(1, "starting a devnet (Ganache) and an IPFS node on 127.0.0.1");
        Files.createDirectories(workDir);
        try (LocalService devnet = LocalService.startDevnet(0, null, workDir, false);
             LocalService ipfs = LocalService.startIpfs(0, workDir.resolve("ipfs-repo"), workDir, false);
             Chain chain = Chain.connect(devnet.url(), null);
             StopOnExit stop = new StopOnExit(devnet, ipfs)) {
            out.println("        devnet " + devnet.url() + " (chain " + chain.chainId() + "), IPFS " + ipfs.url());

            step(2, "loading " + settings.data() + " and splitting it " + settings.split() + " among "
                    + settings.participants() + " participants");
            Split data = DataSets.load(settings.data());
            List<Dataset> parts = new ArrayList<>();
            for (int[] part : Partitioners.parse(settings.split(), settings.seed())
                    .partition(data.train(), settings.participants())) {
                parts.add(data.train().subset(part));
            }
            ModelSpec spec = ModelSpecs.get(modelName(data.train()));
            TaskPolicy policy = TaskPolicy.of(ruleSpec());

            step(3, "deploying the contracts and creating a task (" + spec.name() + ", " + policy.ruleSpec() + ", "
                    + settings.rounds() + " rounds)");
            // All participants share this store: each file is fetched and hashed once, not once per reader.
            ModelStore models = new ModelStore(new CachingContentStore(new IpfsRpcClient(ipfs.url()),
                    CachingContentStore.DEFAULT_BUDGET_BYTES));
            Contracts contracts = Contracts.deploy(chain, "FedLedger Demo", "FLD");
            BigInteger pool = TOKEN.multiply(BigInteger.valueOf(1_000L * settings.rounds()));
            TaskRules terms = TaskRules.builder(contracts.token(), settings.rounds()).registration(Duration.ZERO)
                    .phases(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10)).build();
            LocalTask published = LocalFederation.on(chain, models).contracts(contracts).task(terms, spec, policy, pool)
                    .participants(settings.participants()).mintEach(TOKEN.multiply(BigInteger.valueOf(1_000)))
                    .publish();
            String task = published.task();
            out.println("        task " + task + ", reward pool " + DemoProgress.tokens(pool) + " tokens");

            step(4, "training: " + settings.participants() + " participants (" + settings.attackers()
                    + " sign-flipping) x " + settings.rounds() + " rounds, each running the protocol on its own");
            train(published, parts, workDir.resolve("participants"));

            step(5, "reading the results back from the chain and IPFS");
            TaskHistory history = TaskHistoryReader.open(chain, task, null)
                    .read(new ModelAccuracy(models, spec, data.test()));
            return new Result(settings, policy.ruleSpec(), spec.name(), chain.chainId(), task,
                    history.initialAccuracy().orElse(Double.NaN), rounds(history), participants(history, parts),
                    (System.nanoTime() - started) / 1e9, history);
        }
    }

    private void step(int n, String what) {
        out.println("[" + n + "/5] " + what);
        out.flush();
    }

    private String modelName(Dataset train) {
        if (settings.model() != null) {
            return settings.model();
        }
        return train.featureCount() == 784 && train.numClasses() == 10 ? "mlp"
                : "tabular-mlp:" + train.featureCount() + ":" + train.numClasses();
    }

    private String ruleSpec() {
        if (settings.rule() != null) {
            return settings.rule();
        }
        return settings.attackers() == 0 ? "fedavg"
                : "multi-krum:f=" + settings.attackers() + ",m=" + settings.honest();
    }

    private void train(LocalTask task, List<Dataset> parts, Path stateDir) throws Exception {
        DemoProgress progress = new DemoProgress(out, settings.rounds(), settings.participants(), terminal);
        try {
            task.run(StateFiles.of(stateDir), seat -> {
                int i = seat.index();
                Trainer trainer = new LocalTrainer(settings.epochs(), 32, settings.seed() * 1_000 + i);
                if (settings.isAttacker(i)) {
                    trainer = ScaledUpdate.signFlip(trainer);
                }
                return new ParticipantSpec(parts.get(i - 1), trainer, ParticipantSettings.defaults(settings.participants()),
                        progress.listener("p" + i + (settings.isAttacker(i) ? " (attacker)" : "")));
            });
        } finally {
            progress.finish();
        }
    }

    private static List<RoundRow> rounds(TaskHistory history) {
        return history.rounds().stream().map(r -> new RoundRow(r.number(), r.status().label(),
                r.aggregate().map(Cid::toString).orElse(null),
                r.accuracy().isPresent() ? r.accuracy().getAsDouble() : null)).toList();
    }

    private List<ParticipantRow> participants(TaskHistory history, List<Dataset> parts) {
        List<ParticipantRow> rows = new ArrayList<>();
        for (int i = 1; i <= settings.participants(); i++) {
            String account = DevAccounts.account(i).getAddress().toLowerCase();
            TaskHistory.Member m = history.participant(account).orElseThrow(
                    () -> new IllegalStateException(account + " is not a participant of " + history.task()));
            rows.add(new ParticipantRow(i, account, settings.isAttacker(i) ? "sign-flip" : "honest",
                    parts.get(i - 1).size(), m.joinedWith(), m.stake(), m.rewards(),
                    m.slashes().stream().mapToInt(TaskHistory.Slashes::count).sum(), m.slashed(), m.roundsAccepted()));
        }
        return rows;
    }
}
