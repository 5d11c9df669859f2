package org.fedledger.participant;

import java.math.BigInteger;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;

/**
 * Registration: join the task with a stake (the settings', or the task's minimum or the bond
 * the participant's samples need, whichever is larger), and once the registration deadline has
 * passed, start round 1 when enough participants have joined.
 */
final class Joining {
    private final Session session;

    Joining(Session session) {
        this.session = session;
    }

    Step join(RoundPosition pos) throws ChainException, ParticipantException {
        TaskPort task = session.task();
        if (pos.phase() == TaskPhase.COMPLETED || pos.phase() == TaskPhase.NONE) {
            throw new ParticipantException("task " + task.address() + " is " + pos.phase().name().toLowerCase()
                    + ": it can no longer be joined");
        }
        TaskRules rules = session.loaded().rules();
        BigInteger stake = session.settings().stake() != null ? session.settings().stake()
                : rules.minStake().max(rules.stakePerSample().multiply(BigInteger.valueOf(session.numSamples())));
        try {
            task.join(stake);
        } catch (ContractRevertException e) {
            if (!task.participantInfo(session.account()).joined()) {
                throw new ParticipantException("cannot join task " + task.address() + ": " + e.getMessage()
                        + " (does " + session.account() + " hold and approve " + stake + " of the stake token?)", e);
            }
            // a join sent again after its first attempt landed unseen (a timeout on a busy node): the first one counts
        }
        session.listener().joined(stake, task.participantInfo(session.account()).joinRound());
        return Step.PROGRESS;
    }

    /**
     * The registration phase: nothing to do before its deadline; after it, start round 1 once at
     * least the settings' number of participants joined, else wait for more.
     */
    Step register(RoundPosition pos) throws ChainException {
        TaskPort task = session.task();
        if (!task.passed(pos.deadline())) {
            return RoundLoop.idle(task, pos);
        }
        long joined = task.participantCount();
        if (joined >= session.settings().awaitParticipants()) {
            session.attempts().attempt(pos, "advance", task::advance);
            return Step.PROGRESS;
        }
        // the deadline passed: what moves now is the number of participants (or the phase)
        return Step.idle(block -> RoundLoop.later(task.position(block), pos) || task.participantCount(block) > joined, 0);
    }
}
