package org.fedledger.dashboard;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskView;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.report.AccuracyProbe;
import org.fedledger.report.TaskHistory;
import org.fedledger.report.TaskHistoryReader;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;

/**
 * A task's history on the chain, for the dashboard. {@link #version()} costs one
 * {@code eth_blockNumber} while no block arrives, and one {@code eth_getLogs} over the new blocks
 * when some do: the version moves only when a new block holds one of the task's logs, since
 * every change of a task's state emits one. {@link #read()} reads the whole history again with
 * {@link TaskHistoryReader} (its cost grows with rounds x participants, mostly receipts for gas),
 * measuring each global model at most once. The caller owns the chain connection.
 */
public final class ChainHistorySource implements HistorySource {
    private final Chain chain;
    private final TaskHistoryReader reader;
    private final TaskView client;
    private final AccuracyProbe probe;
    private long seenBlock = -1;
    private long version = -1;

    private ChainHistorySource(Chain chain, TaskHistoryReader reader, AccuracyProbe probe) {
        this.chain = chain;
        this.reader = reader;
        this.client = new TaskView(chain, reader.task());
        this.probe = probe;
    }

    /**
     * The task that {@code reader} reads on {@code chain}; {@code probe} scores global models
     * ({@link AccuracyProbe#NONE}: none), and failures to fetch one are said on {@code log}.
     */
    public static ChainHistorySource of(Chain chain, TaskHistoryReader reader, AccuracyProbe probe, PrintWriter log) {
        requireNonNull(chain, "chain == null");
        requireNonNull(reader, "reader == null");
        requireNonNull(probe, "probe == null");
        requireNonNull(log, "log == null");
        return new ChainHistorySource(chain, reader, probe == AccuracyProbe.NONE ? probe : new AccuracyCache(probe, log));
    }

    @Override
    public long version() throws ChainException {
        long latest = chain.blockNumber().longValueExact();
        if (latest == seenBlock) {
            return version;
        }
        if (seenBlock < 0 || latest < seenBlock || hasTaskLogs(seenBlock + 1, latest)) {
            version = latest; // a lower block number: a devnet restarted, so read everything again
        }
        seenBlock = latest;
        return version;
    }

    private boolean hasTaskLogs(long from, long to) throws ChainException {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), reader.task());
        try {
            EthLog answer = chain.web3j().ethGetLogs(filter).send();
            if (answer.hasError()) {
                throw new ChainException("read the logs of task " + reader.task() + " failed: "
                        + answer.getError().getMessage());
            }
            return !answer.getLogs().isEmpty();
        } catch (IOException e) {
            throw new ChainException("read the logs of task " + reader.task() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Snapshot read() throws ChainException, ModelStoreException {
        EthBlock.Block block;
        try {
            block = chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
        } catch (IOException e) {
            throw new ChainException("read the latest block failed: " + e.getMessage(), e);
        }
        TaskHistory history = reader.read(probe);
        long deadline = switch (history.phase()) {
            case REGISTRATION, COMMIT, REVEAL, VOTE -> client.position().deadline();
            default -> 0;
        };
        return new Snapshot(history, deadline, block.getNumber().longValueExact(),
                block.getTimestamp().longValueExact());
    }
}
