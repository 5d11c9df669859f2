package org.fedledger.chain;

import java.math.BigInteger;

/**
 * The reads that reward claiming needs: how a round ended, whether an account claimed it, and
 * what an account has been credited. A task's view answers them, and so does a participant's
 * port onto its task.
 */
public interface RewardLedger {
    RoundRecord roundRecord(long round) throws ChainException;

    boolean isClaimed(String participant, long round) throws ChainException;

    BigInteger rewardsOf(String account) throws ChainException;
}
