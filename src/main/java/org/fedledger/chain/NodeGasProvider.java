package org.fedledger.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * Gas price from the node ({@code eth_gasPrice}) at the time of each transaction, and a generous
 * gas limit that {@link SimulatingTransactionManager} lowers to the transaction's estimate, so a
 * sender needs no more balance than the transaction can really cost.
 */
final class NodeGasProvider implements ContractGasProvider {
    static final BigInteger MAX_GAS = BigInteger.valueOf(15_000_000);

    private final Web3j web3j;

    NodeGasProvider(Web3j web3j) {
        this.web3j = web3j;
    }

    @Override
    public BigInteger getGasPrice() {
        try {
            return web3j.ethGasPrice().send().getGasPrice();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_gasPrice failed: " + e.getMessage(), e);
        }
    }

    @Override
    public BigInteger getGasLimit(Transaction transaction) {
        return MAX_GAS;
    }

    @Override
    public BigInteger getGasLimit() {
        return MAX_GAS;
    }
}
