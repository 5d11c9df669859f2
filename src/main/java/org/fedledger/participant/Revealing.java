package org.fedledger.participant;

import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundPosition;

/** The reveal phase: open the commitment of the round with the CID, sample count and salt saved before it. */
final class Revealing {
    private final Session session;

    Revealing(Session session) {
        this.session = session;
    }

    Step step(RoundPosition pos, ParticipantInfo me) throws ChainException, ParticipantException {
        long round = pos.round();
        if (me.commitRound() != round || me.revealRound() >= round || session.attempts().refused(pos, "reveal")
                || !session.conduct().reveals(round)) {
            return Step.NOTHING;
        }
        RoundEntry entry = session.state().round(round);
        if (entry == null) {
            session.attempts().refuse(pos, "reveal");
            throw new ParticipantException("committed in round " + round + " but the state file "
                    + session.state().path() + " has no salt for it: the commitment cannot be revealed "
                    + "(restore the state file)");
        }
        if (session.attempts().attempt(pos, "reveal",
                () -> session.task().reveal(entry.updateCid(), entry.numSamples(), entry.saltBytes()))) {
            session.listener().revealed(round);
        }
        return Step.PROGRESS;
    }
}
