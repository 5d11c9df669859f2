package org.fedledger.chain;

import java.io.IOException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.tx.ReadonlyTransactionManager;

/**
 * The transaction manager of a wrapper that only calls views, so that reading a task needs no
 * key: calls come from the zero address and are retried while they fail transiently, as
 * {@link SimulatingTransactionManager} retries its own; sending a transaction is refused.
 */
final class ViewCalls extends ReadonlyTransactionManager {
    private static final String NOBODY = "0x0000000000000000000000000000000000000000";

    private final Web3j web3j;
    private final Retry retry = Retry.standard();

    ViewCalls(Web3j web3j) {
        super(web3j, NOBODY);
        this.web3j = web3j;
    }

    @Override
    public String sendCall(String to, String data, DefaultBlockParameter block) throws IOException {
        return SimulatingTransactionManager.viewCall(web3j, retry, getFromAddress(), to, data, block);
    }
}
