package org.fedledger.task;

import java.math.BigInteger;
import java.util.List;
import org.fedledger.chain.RewardClaim;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;
import org.fedledger.storage.Cid;

/**
 * A round outcome a participant votes for: the aggregate's CID and the weights tree.
 *
 * @param round the round it is for
 * @param aggregate CID of the aggregated model
 * @param tree weights of the round's revealers
 */
record Outcome(long round, Cid aggregate, WeightsTree tree) {
    byte[] root() {
        return tree.root();
    }

    BigInteger totalWeight() {
        return tree.totalWeight();
    }

    Contribution contributionOf(Participant p) {
        return tree.contributionOf(p.address());
    }

    BigInteger weightOf(Participant p) {
        return contributionOf(p).weight();
    }

    List<byte[]> proofOf(Participant p) {
        return tree.proof(p.address());
    }

    /** The claim of {@code p}'s leaf in this round. */
    RewardClaim claimOf(Participant p) {
        return new RewardClaim(round, weightOf(p), proofOf(p));
    }
}
