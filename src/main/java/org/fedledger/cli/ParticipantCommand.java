package org.fedledger.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.data.DataSets;
import org.fedledger.deploy.TokenAmounts;
import org.fedledger.data.Dataset;
import org.fedledger.data.Partitioners;
import org.fedledger.data.Split;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.LocalTrainer;
import org.fedledger.participant.Participant;
import org.fedledger.participant.ParticipantLog;
import org.fedledger.participant.ParticipantSettings;
import org.fedledger.participant.StateFile;
import org.fedledger.storage.IpfsRpcClient;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fl participant ...}: one participant of a task, as a process of its own. */
@Command(name = "participant", description = "Take part in a task as one participant.",
        subcommands = {ParticipantCommand.Run.class})
final class ParticipantCommand {

    @Command(name = "run", description = {
        "Join a task and take part until it completes: train on this participant's data every round, "
            + "commit, reveal, verify and aggregate everyone's updates, vote, report faults, claim rewards.",
        "Safe to stop and start again: it continues from the chain and its state file."})
    static final class Run implements Callable<Integer> {
        @Option(names = "--task", required = true, paramLabel = "ADDRESS", description = "The task contract.")
        String task;

        @Mixin
        ConnectionOptions connection = new ConnectionOptions();

        @Mixin
        KeyOptions keys = new KeyOptions();

        @Option(names = "--data", paramLabel = "SPEC", description = "Data set: " + DataSets.SPECS
                + " (default: ${DEFAULT-VALUE}).")
        String data = "mnist";

        @Option(names = "--split", paramLabel = "SPEC", description = "How the training set is divided among "
                + "--parts participants: " + Partitioners.SPECS + " (default: ${DEFAULT-VALUE}).")
        String split = "iid";

        @Option(names = "--parts", paramLabel = "N", description = "Number of partitions (default: 1, all the data).")
        int parts = 1;

        @Option(names = "--part", paramLabel = "I", description = "This participant's partition, 1..N (default: 1).")
        int part = 1;

        @Option(names = "--seed", description = "Seed of the partition and of local training (default: ${DEFAULT-VALUE}).")
        long seed = 1;

        @Option(names = "--epochs", description = "Local epochs per round (default: ${DEFAULT-VALUE}).")
        int epochs = 1;

        @Option(names = "--batch-size", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
        int batchSize = 32;

        @Option(names = "--stake", paramLabel = "TOKENS", description = "Stake to join with, in tokens "
                + "(default: the task's minimum or the bond of this participant's samples, whichever is more).")
        String stake;

        @Option(names = "--await-participants", paramLabel = "N", description = "Start round 1 only once N "
                + "participants have joined (default: ${DEFAULT-VALUE}).")
        int awaitParticipants = 1;

        @Option(names = "--no-report", negatable = false, description = "Do not report other participants' faults.")
        boolean noReport;

        @Option(names = "--state-file", paramLabel = "FILE", description = "Where this participant keeps its "
                + "salts and outcomes (default: DATA_DIR/participants/CHAIN-TASK-ACCOUNT.json).")
        Path stateFile;

        @Option(names = "--from-block", paramLabel = "N", description = "Read the task's events from this block "
                + "(default: the first block).")
        BigInteger fromBlock;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (parts < 1 || part < 1 || part > parts) {
                throw new Failures.UserException("--part must be between 1 and --parts (" + parts + "), not " + part);
            }
            if (epochs < 1 || batchSize < 1) {
                throw new Failures.UserException("--epochs and --batch-size must be at least 1");
            }
            BigInteger stakeUnits = stake == null ? null : TokenAmounts.parse("--stake", stake, 18);
            PrintWriter out = spec.commandLine().getOut();
            Credentials key = keys.credentials(null);
            Dataset own = partition(DataSets.load(data));
            try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
                String account = key.getAddress().toLowerCase();
                Path state = Tasks.stateFile(connection, stateFile, chain.chainId(), task, account);
                ParticipantSettings settings = ParticipantSettings.defaults(awaitParticipants).withReport(!noReport);
                if (stakeUnits != null) {
                    settings = settings.withStake(stakeUnits);
                }
                ModelStore models = new ModelStore(new IpfsRpcClient(connection.ipfsApi()));
                try (StateFile file = StateFile.open(state, chain.chainId(), task, account)) {
                    out.println("participant " + account + " in task " + task + " on chain " + chain.chainId()
                            + ": " + own.size() + " samples of " + data + " (part " + part + " of " + parts + ", "
                            + split + "), state in " + state);
                    out.flush();
                    Participant participant = new Participant(chain, new TaskClient(chain, key, task),
                            new TaskEvents(chain, task, fromBlock), models, own,
                            new LocalTrainer(epochs, batchSize, seed * 1_000 + part), file, settings,
                            new ParticipantLog(out, account.substring(0, 8)));
                    Participant.Summary s = participant.run();
                    out.println("done: " + s.roundsCommitted() + " rounds committed, " + s.roundsAccepted()
                            + " accepted; stake " + Tasks.tokens(s.stake()) + ", rewards " + Tasks.tokens(s.rewards()) + " tokens");
                    return 0;
                }
            }
        }

        private Dataset partition(Split loaded) {
            if (parts == 1) {
                return loaded.train();
            }
            List<int[]> all = Partitioners.parse(split, seed).partition(loaded.train(), parts);
            return loaded.train().subset(all.get(part - 1));
        }
    }
}
