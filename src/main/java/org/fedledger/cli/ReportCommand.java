package org.fedledger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.data.DataSetException;
import org.fedledger.data.DataSets;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.report.AccuracyProbe;
import org.fedledger.report.HtmlReport;
import org.fedledger.report.ModelAccuracy;
import org.fedledger.report.TaskHistory;
import org.fedledger.report.TaskHistoryReader;
import org.fedledger.storage.IpfsRpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl report}: reads a task's history from the chain and writes it as one self-contained
 * HTML page (and, with {@code --json}, a JSON summary). With {@code --accuracy} it also fetches
 * every global model from IPFS and measures it on the MNIST subset's test split.
 */
@Command(name = "report", description = {
    "Write a task's history as a self-contained HTML page: accuracy, rewards and gas plots, "
        + "tables of rounds and participants. Reads only the chain (and IPFS with --accuracy)."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, paramLabel = "ADDRESS", description = "The task contract.")
    String task;

    @Option(names = "--out", paramLabel = "FILE", description = "The HTML file to write (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("report.html");

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the history as JSON to FILE.")
    Path json;

    @Option(names = "--from-block", paramLabel = "N",
            description = "Search the task's logs from block N (default: the first block).")
    BigInteger fromBlock;

    @Option(names = "--accuracy", description = "Measure each global model on the MNIST subset's test split "
            + "(fetches the models from IPFS; the task's model must take MNIST images).")
    boolean accuracy;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    /** For --accuracy on a task with encrypted files: the key of an account they were encrypted for. */
    @Mixin
    KeyOptions keys = new KeyOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ChainException, ModelStoreException, DataSetException {
        if (fromBlock != null && fromBlock.signum() < 0) {
            throw new Failures.UserException("--from-block must be 0 or more, not " + fromBlock);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        TaskHistory history;
        try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
            TaskHistoryReader reader = TaskHistoryReader.open(chain, task, fromBlock);
            history = reader.read(accuracy ? probe(reader) : AccuracyProbe.NONE);
        }
        write(out, HtmlReport.render(history));
        stdout.println("wrote " + out + ": task " + history.task() + ", " + history.rounds().size() + " rounds, "
                + history.participants().size() + " participants");
        if (json != null) {
            write(json, history.toJson());
            stdout.println("wrote " + json);
        }
        return 0;
    }

    private AccuracyProbe probe(TaskHistoryReader reader) throws ModelStoreException, DataSetException {
        ModelStore models = new ModelStore(new IpfsRpcClient(connection.ipfsApi()));
        try {
            ModelStore readable = EncryptedModels.readable(models, reader, keys);
            return EncryptedModels.skippingUnreadable(new ModelAccuracy(readable,
                    models.getSpec(reader.content().modelSpec()), DataSets.load("mnist").test()),
                    spec.commandLine().getErr());
        } catch (IllegalArgumentException e) {
            throw new Failures.UserException("cannot use --accuracy: " + e.getMessage());
        }
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Failures.UserException("cannot write " + file + ": " + e);
        }
    }
}
