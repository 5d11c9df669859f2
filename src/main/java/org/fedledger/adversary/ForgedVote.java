package org.fedledger.adversary;

import java.security.SecureRandom;
import java.util.List;
import org.fedledger.outcome.Contribution;
import org.fedledger.participant.RoundEntry;
import org.fedledger.storage.CidCalculator;

/**
 * Trains and reveals honestly, then votes for a forged outcome: an aggregate nobody computed and a
 * weights tree that gives the forger the whole reward. It votes as soon as voting opens, without
 * computing the round (a forger has nothing to compute), so its vote lands before an honest
 * quorum closes the round. Against an honest quorum the forged
 * outcome cannot win; the vote is the evidence for a wrong-vote slash, and the contract makes
 * the forger forfeit the round's reward.
 */
public final class ForgedVote extends Deviation {
    private final String self;
    private final SecureRandom random = new SecureRandom();

    public ForgedVote(String self) {
        this.self = self;
    }

    @Override
    public RoundEntry.Outcome vote(long round, Computation computed) {
        byte[] bogus = new byte[64];
        random.nextBytes(bogus);
        return RoundEntry.Outcome.of(CidCalculator.of(bogus), List.of(new Contribution(self, true, 1)));
    }

    @Override
    public String toString() {
        return "ForgedVote";
    }
}
