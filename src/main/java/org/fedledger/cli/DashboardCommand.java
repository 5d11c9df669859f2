package org.fedledger.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.dashboard.Binding;
import org.fedledger.dashboard.ChainHistorySource;
import org.fedledger.dashboard.DashboardException;
import org.fedledger.dashboard.DashboardServer;
import org.fedledger.data.DataSetException;
import org.fedledger.data.DataSets;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.report.AccuracyProbe;
import org.fedledger.report.ModelAccuracy;
import org.fedledger.report.TaskHistoryReader;
import org.fedledger.storage.IpfsRpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl dashboard}: serves a live page of a task on this machine until Ctrl-C. The port is
 * bound before the chain is asked anything, so a taken port fails at once with one line.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, description = {
    "Serve a live page of a task on http://127.0.0.1:8088/: current round, phase and deadline, plots of the "
        + "global accuracy, rewards and slashes per participant and gas per round, tables of rounds and "
        + "participants. It follows the chain's new blocks; Ctrl-C stops it."})
final class DashboardCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofSeconds(1);

    @Option(names = "--task", required = true, paramLabel = "ADDRESS", description = "The task contract.")
    String task;

    @Option(names = "--port", paramLabel = "N", description = "Port to serve on; 0 takes a free one "
            + "(default: ${DEFAULT-VALUE}).")
    int port = Binding.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: "
            + "${DEFAULT-VALUE}); one other than loopback needs --public.")
    String bind = "127.0.0.1";

    @Option(names = "--public", description = "Allow a --bind address other than loopback: anyone who reaches "
            + "it sees the dashboard (it has no authentication).")
    boolean allowPublic;

    @Option(names = "--from-block", paramLabel = "N",
            description = "Search the task's logs from block N (default: the first block).")
    BigInteger fromBlock;

    @Option(names = "--accuracy", description = "Measure each global model on the MNIST subset's test split "
            + "(fetches each model from IPFS once; the task's model must take MNIST images).")
    boolean accuracy;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ChainException, ModelStoreException, DataSetException, InterruptedException {
        if (fromBlock != null && fromBlock.signum() < 0) {
            throw new Failures.UserException("--from-block must be 0 or more, not " + fromBlock);
        }
        PrintWriter out = spec.commandLine().getOut();
        DashboardServer server = open(binding());
        Chain chain = null;
        try {
            chain = Chain.connect(connection.rpcUrl(), connection.chainId());
            TaskHistoryReader reader = TaskHistoryReader.open(chain, task, fromBlock);
            AccuracyProbe probe = accuracy ? probe(reader) : AccuracyProbe.NONE;
            server.serve(ChainHistorySource.of(chain, reader, probe, spec.commandLine().getErr()), POLL);
            out.println("fl dashboard: task " + reader.task() + " on chain " + chain.chainId() + " at " + server.url());
        } catch (ChainException | ModelStoreException | DataSetException | RuntimeException e) {
            server.close();
            if (chain != null) {
                chain.close();
            }
            throw e;
        }
        out.println("following new blocks every " + POLL.toSeconds() + " s; Ctrl-C stops it");
        out.flush();
        awaitCtrlC(server, chain, out);
        return 0;
    }

    private Binding binding() {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new Failures.UserException("--bind " + bind + " is not an address of this machine");
        }
        return new Binding(address, port, allowPublic);
    }

    private static DashboardServer open(Binding binding) {
        try {
            return DashboardServer.open(binding);
        } catch (DashboardException e) {
            throw new Failures.UserException(e.getMessage()
                    + (e.getCause() instanceof BindException ? ": pass --port N or --port 0" : ""));
        }
    }

    private AccuracyProbe probe(TaskHistoryReader reader) throws ModelStoreException, DataSetException {
        ModelStore models = new ModelStore(new IpfsRpcClient(connection.ipfsApi()));
        try {
            ModelStore readable = EncryptedModels.readable(models, reader, null);
            return EncryptedModels.skippingUnreadable(new ModelAccuracy(readable,
                    models.getSpec(reader.content().modelSpec()), DataSets.load("mnist").test()),
                    spec.commandLine().getErr());
        } catch (IllegalArgumentException e) {
            throw new Failures.UserException("cannot use --accuracy: " + e.getMessage());
        }
    }

    /** Serves until the JVM is told to stop, then closes the server and the chain connection. */
    private static void awaitCtrlC(DashboardServer server, Chain chain, PrintWriter out) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            chain.close();
            out.println("fl dashboard: stopped");
            out.flush();
            stopped.countDown();
        }, "fl-dashboard-stop"));
        stopped.await();
    }
}
