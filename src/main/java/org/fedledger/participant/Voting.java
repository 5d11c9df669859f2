package org.fedledger.participant;

import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundPosition;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.outcome.WeightsTree;

/**
 * The vote phase, for a participant that revealed: compute the round's outcome ({@link Outcomes})
 * and vote for its aggregate and the Merkle root of its contributions; the conduct decides what
 * is voted for (an honest one votes for what it computed).
 */
final class Voting {
    private final Session session;
    private final Outcomes outcomes;

    Voting(Session session, Outcomes outcomes) {
        this.session = session;
        this.outcomes = outcomes;
    }

    Step step(RoundPosition pos, ParticipantInfo me) throws ChainException, ModelStoreException, ParticipantException,
            InterruptedException {
        long round = pos.round();
        if (me.revealRound() != round || me.voteRound() >= round || session.attempts().refused(pos, "vote")) {
            return Step.NOTHING;
        }
        RoundEntry.Outcome outcome = session.conduct().vote(round, () -> outcomes.of(round));
        WeightsTree tree = outcome.tree();
        if (session.attempts().attempt(pos, "vote",
                () -> session.task().vote(outcome.aggregateCid(), tree.root(), tree.totalWeight()))) {
            session.listener().voted(round, outcome.aggregateCid(), tree.leaves());
        }
        return Step.PROGRESS;
    }
}
