package org.fedledger.testing;

import java.io.IOException;
import java.net.URI;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.localnet.DeadlineSkipper;

/**
 * The devnet an integration test gets from {@link DevnetExtension}: a Ganache chain with the
 * deterministic dev accounts, run as a local process (or a container where Docker runs).
 */
public interface TestDevnet {
    URI rpcUrl();

    long chainId();

    /** A fresh connection, checked against the chain id. Close it after use. */
    default Chain connect() throws ChainException {
        return Chain.connect(rpcUrl(), chainId());
    }

    /** Moves the chain's clock forward by {@code seconds} and mines a block (Ganache's evm_increaseTime). */
    default void increaseTime(long seconds) throws IOException {
        DeadlineSkipper.increaseTime(rpcUrl(), seconds);
    }
}
