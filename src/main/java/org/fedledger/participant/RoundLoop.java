package org.fedledger.participant;

import java.time.Duration;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskPhase;
import org.fedledger.modelstore.ModelStoreException;

/**
 * The fixed loop every participant runs: read where the task is and what the chain records
 * about this participant, settle the rounds that ended, then let the current phase do what is
 * due ({@link Joining}, {@link Committing}, {@link Revealing}, {@link Voting}); advance a phase
 * whose deadline passed; otherwise wait for the chain to move. Every decision comes from the
 * chain and the state file, so a pass is idempotent and a restarted participant picks up where
 * it was. Node failures are retried, up to {@value #MAX_CONSECUTIVE_FAILURES} in a row.
 */
final class RoundLoop {
    private static final Duration MAX_IDLE = Duration.ofSeconds(5);
    private static final int MAX_CONSECUTIVE_FAILURES = 30;

    private final Session session;
    private final Joining joining;
    private final Committing committing;
    private final Revealing revealing;
    private final Voting voting;
    private final Settling settling;

    RoundLoop(Session session) {
        this.session = session;
        GlobalModel global = new GlobalModel(session);
        Outcomes outcomes = new Outcomes(session, global);
        this.joining = new Joining(session);
        this.committing = new Committing(session, global);
        this.revealing = new Revealing(session);
        this.voting = new Voting(session, outcomes);
        this.settling = new Settling(session, outcomes);
    }

    /** Runs until the task is completed (or this participant is no longer active in it) and its rewards are claimed. */
    Participant.Summary run() throws ParticipantException, InterruptedException {
        int failures = 0;
        while (true) {
            Step step;
            try {
                step = step();
                failures = 0;
            } catch (ChainException | ModelStoreException e) {
                failures++;
                session.listener().problem(e.getMessage());
                if (failures >= MAX_CONSECUTIVE_FAILURES) {
                    throw new ParticipantException("gave up after " + failures + " failures in a row: "
                            + e.getMessage(), e);
                }
                step = Step.idle(null, 0);
            }
            if (step.kind() == Step.Kind.DONE) {
                return settling.summary();
            }
            if (step.kind() != Step.Kind.PROGRESS) {
                try {
                    session.task().awaitChange(step.moved(), step.deadline(), MAX_IDLE);
                } catch (ChainException e) {
                    session.listener().problem(e.getMessage());
                    Thread.sleep(session.settings().poll().toMillis());
                }
            }
        }
    }

    /** One pass. */
    Step step() throws ChainException, ModelStoreException, ParticipantException, InterruptedException {
        TaskPort task = session.task();
        RoundPosition pos = task.position();
        ParticipantInfo me = task.participantInfo(session.account());
        int rounds = session.loaded().rules().numRounds();
        session.timing().round(pos.phase() == TaskPhase.COMPLETED ? rounds + 1 : pos.round());
        if (!me.joined()) {
            return joining.join(pos);
        }
        long lastEnded = pos.phase() == TaskPhase.COMPLETED ? rounds : pos.round() - 1;
        if (settling.settle(lastEnded, me)) {
            settling.claim(false);
        }
        // a suspended or leaving participant stays active, and liable, until the end of the round before its exit round
        boolean gone = me.exitRound() != 0 && pos.round() >= me.exitRound();
        if (pos.phase() == TaskPhase.COMPLETED || gone) {
            settling.claim(true);
            return Step.DONE;
        }
        Step step = switch (pos.phase()) {
            case REGISTRATION -> joining.register(pos);
            case COMMIT -> committing.step(pos, me);
            case REVEAL -> revealing.step(pos, me);
            case VOTE -> voting.step(pos, me);
            default -> throw new ParticipantException("task " + task.address() + " is not running (phase "
                    + pos.phase() + ")");
        };
        if (step.kind() != Step.Kind.NOTHING) {
            return step;
        }
        if (task.passed(pos.deadline()) && !session.attempts().refused(pos, "advance")) {
            session.attempts().attempt(pos, "advance", task::advance);
            return Step.PROGRESS;
        }
        return idle(task, pos);
    }

    /**
     * Nothing to do until the task's position is a later round or phase than {@code pos}, or its
     * deadline passes. Within one round and phase a pass that found nothing to do finds nothing
     * again: what it waits for (the others' commits, reveals and votes) ends the phase early, and
     * its own markers only change by its own actions, after which it steps again at once.
     */
    static Step idle(TaskPort task, RoundPosition pos) {
        return Step.idle(block -> later(task.position(block), pos), pos.deadline());
    }

    static boolean later(RoundPosition now, RoundPosition seen) {
        return now.round() > seen.round()
                || (now.round() == seen.round() && now.phase().ordinal() > seen.phase().ordinal());
    }
}
