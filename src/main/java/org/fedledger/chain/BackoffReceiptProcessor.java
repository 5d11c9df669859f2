package org.fedledger.chain;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * Waits for a transaction's receipt by polling with a growing interval: first after {@code
 * first}, doubling up to {@code max}, for at most {@code timeout}. A devnet mines a transaction
 * as soon as it arrives, so its receipt is there within milliseconds; a fixed 100 ms poll made
 * every transaction cost at least 100 ms, three per participant-round. On a real chain the
 * interval soon reaches {@code max}, so the node sees about as many polls as with a fixed one.
 */
final class BackoffReceiptProcessor extends TransactionReceiptProcessor {
    private final Web3j web3j;
    private final Duration first;
    private final Duration max;
    private final Duration timeout;

    BackoffReceiptProcessor(Web3j web3j, Duration first, Duration max, Duration timeout) {
        super(web3j);
        this.web3j = Objects.requireNonNull(web3j, "web3j == null");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max: " + first + ", " + max);
        }
        this.first = first;
        this.max = max;
        this.timeout = Objects.requireNonNull(timeout, "timeout == null");
    }

    @Override
    public TransactionReceipt waitForTransactionReceipt(String transactionHash)
            throws IOException, TransactionException {
        long until = System.nanoTime() + timeout.toNanos();
        long sleepMillis = first.toMillis();
        while (true) {
            sleep(sleepMillis);
            Optional<TransactionReceipt> receipt = receipt(transactionHash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() >= until) {
                throw new TransactionException("no receipt for transaction " + transactionHash + " after "
                        + timeout.toSeconds() + " s: it may still be pending; check the node", transactionHash);
            }
            sleepMillis = Math.min(sleepMillis * 2, max.toMillis());
        }
    }

    private Optional<TransactionReceipt> receipt(String transactionHash) throws IOException, TransactionException {
        EthGetTransactionReceipt answer = web3j.ethGetTransactionReceipt(transactionHash).send();
        if (answer.hasError()) {
            throw new TransactionException("Error processing request: " + answer.getError().getMessage());
        }
        return answer.getTransactionReceipt();
    }

    private static void sleep(long millis) throws TransactionException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransactionException(e);
        }
    }
}
