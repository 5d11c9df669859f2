package org.fedledger.chain;

import java.math.BigInteger;
import java.util.List;

/** One round's reward claim: the weight proven by {@code proof} against the round's weights root. */
public record RewardClaim(long round, BigInteger weight, List<byte[]> proof) {
    public RewardClaim {
        proof = List.copyOf(proof);
    }
}
