package org.fedledger.dashboard;

import org.fedledger.chain.ChainException;
import org.fedledger.modelstore.ModelStoreException;

/**
 * Where the dashboard gets what it shows. The server asks {@link #version()} about once a second
 * and calls {@link #read()} only when the answer changed, so {@code version} must be cheap and
 * {@code read} may be slow. {@link ChainHistorySource} reads the chain; tests hand-make histories.
 * Both methods are called from one thread at a time.
 */
public interface HistorySource {
    /**
     * A number that changes whenever the history may have changed (the chain's: the last block
     * holding one of the task's logs). Equal answers mean nothing to read again.
     */
    long version() throws ChainException;

    /** The task as it is now. */
    Snapshot read() throws ChainException, ModelStoreException;
}
