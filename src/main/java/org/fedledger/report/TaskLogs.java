package org.fedledger.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskEvents;

/**
 * The fact a report needs beyond the task's decoded events: how much gas the transactions that
 * moved each round used ({@link TaskEvents#roundMoves} names them; their receipts say the gas).
 */
final class TaskLogs {
    private final Chain chain;
    private final String task;
    private final TaskEvents events;

    TaskLogs(Chain chain, String task, TaskEvents events) {
        this.chain = chain;
        this.task = task;
        this.events = events;
    }

    /**
     * The gas used per round by the transactions that moved it: those that emitted a commit,
     * reveal, vote, phase change or round end. A transaction counts once, for the earliest round
     * it moved (the vote that finalizes round r also opens round r + 1). One receipt is read per
     * transaction, so this costs a task's (participants x 3 + a few) x rounds RPC calls.
     */
    Map<Long, Long> gasPerRound() throws ChainException {
        Map<String, Long> roundOfTransaction = new LinkedHashMap<>();
        for (TaskEvents.RoundMove move : events.roundMoves()) {
            if (move.round() >= 1) {
                roundOfTransaction.merge(move.transactionHash(), move.round(), Math::min);
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
}
