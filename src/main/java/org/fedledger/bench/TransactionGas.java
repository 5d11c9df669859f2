package org.fedledger.bench;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractAbis;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The gas that a set of accounts spent on calls to one contract, per function, read back from
 * the chain's blocks and receipts after a run: what participants paid, however the run went,
 * without instrumenting them.
 */
final class TransactionGas {
    /** One function's calls: how many and their gas. */
    record Calls(long count, long gas) {
        double meanGas() {
            return count == 0 ? 0 : gas / (double) count;
        }
    }

    private TransactionGas() {}

    /**
     * The calls to {@code contract} from {@code senders} in blocks {@code fromBlock..toBlock},
     * by function name (in name order; a selector no FedLedger ABI knows is named by its hex).
     */
    static Map<String, Calls> of(Chain chain, String contract, Collection<String> senders, long fromBlock,
                                 long toBlock) throws ChainException {
        Set<String> from = senders.stream().map(String::toLowerCase).collect(Collectors.toSet());
        Map<String, Calls> calls = new TreeMap<>();
        for (long b = fromBlock; b <= toBlock; b++) {
            EthBlock.Block block = chain.blockWithTransactions(b).orElse(null);
            if (block == null) {
                continue;
            }
            for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
                if (!(result.get() instanceof Transaction tx) || tx.getTo() == null
                        || !tx.getTo().equalsIgnoreCase(contract) || !from.contains(tx.getFrom().toLowerCase())) {
                    continue;
                }
                TransactionReceipt receipt = chain.receipt(tx.getHash()).orElseThrow(() -> new ChainException(
                        "the node has no receipt for mined transaction " + tx.getHash()));
                String name = ContractAbis.functionName(tx.getInput())
                        .orElse(tx.getInput().length() >= 10 ? tx.getInput().substring(0, 10) : "(no call data)");
                long gas = receipt.getGasUsed().longValueExact();
                calls.merge(name, new Calls(1, gas), (x, y) -> new Calls(x.count() + y.count(), x.gas() + y.gas()));
            }
        }
        return calls;
    }
}
