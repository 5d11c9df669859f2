package org.fedledger.participant;

import java.math.BigInteger;
import java.time.Duration;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * The chain's notion of time and progress, for a participant waiting on it: a participant acts
 * when the task's state changes (which only new blocks can do) or when a phase deadline has
 * passed by the chain's clock. The chain's clock is the latest block's
 * timestamp, extrapolated by the local time elapsed since that block was seen, since a devnet
 * mines only when there are transactions; the chain itself has the last word, because an early
 * {@code advance()} is refused by simulation.
 */
final class ChainClock {
    /**
     * How old a latest block read by another participant on the same connection may be: the
     * node then serves at most 20 such reads a second however many participants wait on it.
     */
    static final Duration SHARED = Duration.ofMillis(50);

    private final Chain chain;
    private final Duration poll;
    private BigInteger block = BigInteger.valueOf(-1);
    private long blockTime;
    private long seenAtNanos;

    ChainClock(Chain chain, Duration poll) {
        this.chain = chain;
        this.poll = poll;
    }

    /** Reads the latest block (as shared by everyone on this connection, {@link #SHARED}); returns whether it is a new one. */
    boolean refresh() throws ChainException {
        EthBlock.Block latest = chain.latestBlock(SHARED);
        if (latest.getNumber().equals(block)) {
            return false;
        }
        block = latest.getNumber();
        blockTime = latest.getTimestamp().longValueExact();
        seenAtNanos = System.nanoTime();
        return true;
    }

    /** The chain's time now, in unix seconds, as extrapolated from the latest block. */
    long now() {
        return blockTime + (System.nanoTime() - seenAtNanos) / 1_000_000_000L;
    }

    /** Whether {@code deadline} (unix seconds) has passed by the chain's clock. */
    boolean passed(long deadline) throws ChainException {
        if (block.signum() < 0) {
            refresh();
        }
        return now() >= deadline;
    }

    /**
     * Waits until {@code moved} holds (null: until any new block) or, if {@code deadline > 0},
     * the deadline passes, checking at every new block (polled every poll interval); returns
     * after {@code maxWait} in any case. A participant with nothing to do until the task's round
     * or phase moves thus reads one shared view per block instead of its whole state, and does
     * not step at every block of the other participants' transactions.
     */
    void awaitChange(TaskPort.Moved moved, long deadline, Duration maxWait)
            throws ChainException, InterruptedException {
        long until = System.nanoTime() + maxWait.toNanos();
        if (block.signum() < 0) {
            refresh();
        }
        if (moved != null && moved.since(block)) {
            return; // it moved between the participant's read and now
        }
        while (System.nanoTime() < until) {
            Thread.sleep(poll.toMillis());
            if (refresh() && (moved == null || moved.since(block))) {
                return;
            }
            if (deadline > 0 && now() >= deadline) {
                return;
            }
        }
    }
}
