package org.fedledger.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * Signs transactions locally like {@link RawTransactionManager}, but first runs each one as an
 * {@code eth_call} from the same sender: a transaction that would revert is never sent (no gas
 * spent) and fails with a {@link ContractRevertException} that names the contract's custom
 * error, which Ganache and many nodes would otherwise report as a bare "revert".
 */
final class SimulatingTransactionManager extends RawTransactionManager {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Web3j web3j;

    SimulatingTransactionManager(Web3j web3j, Credentials credentials, long chainId, TransactionReceiptProcessor receipts) {
        super(web3j, credentials, chainId, receipts);
        this.web3j = web3j;
    }

    @Override
    public EthSendTransaction sendTransaction(BigInteger gasPrice, BigInteger gasLimit, String to, String data,
                                              BigInteger value, boolean constructor) throws IOException {
        simulate(to, data, value);
        return super.sendTransaction(gasPrice, limit(gasLimit, to, data, value), to, data, value, constructor);
    }

    @Override
    public EthSendTransaction sendEIP1559Transaction(long chainId, BigInteger maxPriorityFeePerGas,
                                                     BigInteger maxFeePerGas, BigInteger gasLimit, String to,
                                                     String data, BigInteger value, boolean constructor)
            throws IOException {
        simulate(to, data, value);
        return super.sendEIP1559Transaction(chainId, maxPriorityFeePerGas, maxFeePerGas,
                limit(gasLimit, to, data, value), to, data, value, constructor);
    }

    /** The node's gas estimate plus a 20% margin, never above the caller's limit. */
    private BigInteger limit(BigInteger callerLimit, String to, String data, BigInteger value) throws IOException {
        Transaction tx = Transaction.createFunctionCallTransaction(getFromAddress(), null, null, null, to, value, data);
        EthEstimateGas estimate = web3j.ethEstimateGas(tx).send();
        if (estimate.hasError() || estimate.getAmountUsed() == null) {
            return callerLimit;
        }
        BigInteger withMargin = estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5))
                .add(BigInteger.valueOf(10_000));
        return withMargin.min(callerLimit);
    }

    private void simulate(String to, String data, BigInteger value) throws IOException {
        Transaction call = Transaction.createFunctionCallTransaction(getFromAddress(), null, null, null, to, value, data);
        EthCall result = web3j.ethCall(call, DefaultBlockParameterName.LATEST).send();
        if (result.hasError()) {
            throw new ContractRevertException(to == null ? "deployment" : "transaction to " + to,
                    revertData(result.getError().getData()));
        }
    }

    /** Nodes put revert data in error.data as a hex string (Geth, Hardhat) or inside an object (Ganache). */
    static String revertData(String data) {
        if (data == null) {
            return "0x";
        }
        String trimmed = data.strip();
        if (trimmed.startsWith("\"")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (trimmed.startsWith("0x")) {
            return trimmed;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            for (String field : new String[] {"result", "data", "return"}) {
                if (node.path(field).isTextual() && node.path(field).asText().startsWith("0x")) {
                    return node.path(field).asText();
                }
            }
        } catch (IOException ignored) {
            // not JSON: no decodable data
        }
        return "0x";
    }
}
