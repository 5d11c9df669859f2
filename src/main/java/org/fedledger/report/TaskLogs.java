package org.fedledger.report;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.contracts.generated.FederatedTask;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The fact a report needs that {@link org.fedledger.chain.TaskEvents} does not decode: which
 * transactions moved which round (for their gas). Reads the task's raw logs,
 * since only a raw log carries its transaction's hash.
 */
final class TaskLogs {
    /** Events that only the transactions moving a round emit, and the topic holding their round. */
    private static final Map<String, Integer> ROUND_EVENTS = new LinkedHashMap<>();

    static {
        ROUND_EVENTS.put(EventEncoder.encode(FederatedTask.UPDATECOMMITTED_EVENT), 2);
        ROUND_EVENTS.put(EventEncoder.encode(FederatedTask.UPDATEREVEALED_EVENT), 2);
        ROUND_EVENTS.put(EventEncoder.encode(FederatedTask.VOTECAST_EVENT), 2);
        ROUND_EVENTS.put(EventEncoder.encode(FederatedTask.PHASEADVANCED_EVENT), 1);
        ROUND_EVENTS.put(EventEncoder.encode(FederatedTask.ROUNDFINALIZED_EVENT), 1);
        ROUND_EVENTS.put(EventEncoder.encode(FederatedTask.ROUNDFAILED_EVENT), 1);
    }

    private final Chain chain;
    private final String task;
    private final DefaultBlockParameter fromBlock;

    TaskLogs(Chain chain, String task, BigInteger fromBlock) {
        this.chain = chain;
        this.task = task;
        this.fromBlock = fromBlock == null ? DefaultBlockParameterName.EARLIEST : DefaultBlockParameter.valueOf(fromBlock);
    }

    /**
     * The gas used per round by the transactions that moved it: those that emitted a commit,
     * reveal, vote, phase change or round end. A transaction counts once, for the earliest round
     * it moved (the vote that finalizes round r also opens round r + 1). One receipt is read per
     * transaction, so this costs a task's (participants x 3 + a few) x rounds RPC calls.
     */
    Map<Long, Long> gasPerRound() throws ChainException {
        Map<String, Long> roundOfTransaction = new LinkedHashMap<>();
        for (Log log : logs(List.copyOf(ROUND_EVENTS.keySet()))) {
            long round = Numeric.toBigInt(log.getTopics().get(ROUND_EVENTS.get(log.getTopics().get(0)))).longValueExact();
            if (round >= 1) {
                roundOfTransaction.merge(log.getTransactionHash(), round, Math::min);
            }
        }
        Map<Long, Long> gas = new TreeMap<>();
        for (Map.Entry<String, Long> e : roundOfTransaction.entrySet()) {
            gas.merge(e.getValue(), gasUsed(e.getKey()), Long::sum);
        }
        return gas;
    }

    private long gasUsed(String transaction) throws ChainException {
        return chain.receipt(transaction)
                .orElseThrow(() -> new ChainException("the node has no receipt for " + transaction
                        + ", a transaction of task " + task))
                .getGasUsed().longValueExact();
    }

    /** The task's logs whose first topic is one of {@code signatures}, in chain order. */
    private List<Log> logs(List<String> signatures) throws ChainException {
        EthFilter filter = new EthFilter(fromBlock, DefaultBlockParameterName.LATEST, task);
        filter.addOptionalTopics(signatures.toArray(String[]::new));
        EthLog answer;
        try {
            answer = chain.web3j().ethGetLogs(filter).send();
        } catch (IOException e) {
            throw new ChainException("read the logs of task " + task + " failed: " + e.getMessage(), e);
        }
        if (answer.hasError()) {
            throw new ChainException("read the logs of task " + task + " failed: " + answer.getError().getMessage());
        }
        List<Log> out = new ArrayList<>();
        for (EthLog.LogResult<?> result : answer.getLogs()) {
            if (result.get() instanceof Log log && !log.isRemoved()) {
                out.add(log);
            }
        }
        return out;
    }
}
