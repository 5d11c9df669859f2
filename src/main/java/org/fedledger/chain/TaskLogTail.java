package org.fedledger.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Every log of one task contract, followed block by block and shared by everyone in this JVM
 * who reads that task's events on the same connection ({@link Chain#shared}). A query first
 * brings the tail up to the node's latest block, then filters in memory: so N participants
 * asking for a round's reveals cost the node one small {@code eth_getLogs} over the new blocks,
 * not N scans from the task's creation (at N = 100, with a block per transaction, those scans
 * grew with every round and saturated the devnet).
 *
 * <p>Each update fetches again the last {@value #REORG_DEPTH} blocks it already had and replaces
 * their logs, so a reorganisation up to that depth is followed; a deeper one is not (a devnet
 * has none; on a public chain, act on blocks that deep only).
 */
final class TaskLogTail {
    static final int REORG_DEPTH = 12;

    private final Chain chain;
    private final String task;
    private final long fromBlock;
    /** Logs by block number, in log order within a block. */
    private final TreeMap<Long, List<Log>> byBlock = new TreeMap<>();
    private long fetchedThrough;
    /** When (System.nanoTime) the last update began: a query begun before it is served by it. */
    private long updateBegan = Long.MIN_VALUE;

    TaskLogTail(Chain chain, String task, long fromBlock) {
        this.chain = Objects.requireNonNull(chain, "chain == null");
        this.task = Objects.requireNonNull(task, "task == null");
        this.fromBlock = fromBlock;
        this.fetchedThrough = fromBlock - 1;
    }

    /**
     * The task's logs whose first topic is {@code topic0}, in chain order, as of the latest
     * block when this call began or later. Callers waiting while another caller's update runs
     * are served by the next update, which begins after they called.
     */
    List<Log> logs(String topic0) throws ChainException {
        long called = System.nanoTime();
        synchronized (this) {
            if (updateBegan < called) {
                updateBegan = System.nanoTime();
                update();
            }
            List<Log> out = new ArrayList<>();
            for (List<Log> logs : byBlock.values()) {
                for (Log log : logs) {
                    if (!log.getTopics().isEmpty() && log.getTopics().get(0).equalsIgnoreCase(topic0)) {
                        out.add(log);
                    }
                }
            }
            return out;
        }
    }

    private void update() throws ChainException {
        long latest = chain.blockNumber().longValueExact();
        if (latest == fetchedThrough) {
            return;
        }
        long start = Math.max(fromBlock, Math.min(fetchedThrough, latest) - REORG_DEPTH + 1);
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(start)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(latest)), task);
        EthLog answer = TaskContracts.call("read the task's events", () -> chain.web3j().ethGetLogs(filter).send());
        if (answer.hasError()) {
            throw new ChainException("read the task's events failed: " + answer.getError().getMessage());
        }
        Map<Long, List<Log>> fresh = new TreeMap<>();
        for (EthLog.LogResult<?> result : answer.getLogs()) {
            if (result.get() instanceof Log log && !log.isRemoved()) {
                fresh.computeIfAbsent(log.getBlockNumber().longValueExact(), b -> new ArrayList<>()).add(log);
            }
        }
        fresh.values().forEach(logs -> logs.sort((a, b) -> a.getLogIndex().compareTo(b.getLogIndex())));
        byBlock.tailMap(start, true).clear();
        byBlock.putAll(fresh);
        fetchedThrough = latest;
    }
}
