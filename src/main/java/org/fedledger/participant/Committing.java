package org.fedledger.participant;

import java.security.SecureRandom;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskPhase;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;
import org.fedledger.weights.WeightFile;

/**
 * The commit phase: train on the round's global model (privatized under the task's
 * differential-privacy policy), publish the update, save its salt, then commit to it. The salt
 * is in the state file before the commitment is sent, so a participant restarted at any point
 * reveals what it committed. Once the privacy budget is spent, the participant asks to leave.
 */
final class Committing {
    private final Session session;
    private final GlobalModel global;
    private final SecureRandom random = new SecureRandom();

    Committing(Session session, GlobalModel global) {
        this.session = session;
        this.global = global;
    }

    Step step(RoundPosition pos, ParticipantInfo me) throws ChainException, ModelStoreException, ParticipantException {
        long round = pos.round();
        if (!me.activeIn(round) || me.commitRound() >= round || session.attempts().refused(pos, "commit")
                || !session.conduct().commits(round) || !withinPrivacyBudget(pos, me)) {
            return Step.NOTHING;
        }
        RoundEntry entry = session.state().round(round);
        if (entry == null) {
            entry = train(round);
        }
        // commit() commits to the chain's current round: if the round moved on while this
        // participant trained (a slow trainer past the deadline), this commitment is for a round
        // that is over and could never be revealed, so it is not sent
        RoundPosition now = session.task().position();
        if (now.round() != round || now.phase() != TaskPhase.COMMIT) {
            session.listener().skipped(round, "commit", "round " + round + "'s commit phase ended while training");
            return Step.PROGRESS;
        }
        RoundEntry committed = entry;
        byte[] commitment = TaskClient.commitment(committed.updateCid().digest(), committed.numSamples(),
                committed.saltBytes(), session.account(), session.task().address(), round);
        if (!session.attempts().attempt(pos, "commit", () -> session.task().commit(commitment))) {
            return Step.PROGRESS;
        }
        session.listener().committed(round, committed.updateCid());
        PrivacyBudget privacy = session.loaded().privacy();
        if (privacy != null && privacy.spentWith(session.state().rounds().keySet(), round)
                && round < session.loaded().rules().numRounds()) {
            leaveForPrivacy(pos, round + 1);
        }
        return Step.PROGRESS;
    }

    /** Trains and publishes the update of {@code round}, and saves what revealing it needs. */
    private RoundEntry train(long round) throws ChainException, ModelStoreException, ParticipantException {
        LoadedTask task = session.loaded();
        float[] start = global.before(round);
        float[] weights;
        long started = System.nanoTime();
        try (Timing.Span s = session.timing().span(Work.TRAINING)) {
            weights = session.trainer().train(task.spec(), start, session.data(), round);
            if (task.privacy() != null) {
                weights = privatize(task.privacy(), start, weights);
            }
        }
        session.listener().trained(round, (int) session.numSamples(), (System.nanoTime() - started) / 1e9);
        Cid update;
        try (Timing.Span s = session.timing().span(Work.IPFS_PUT)) {
            update = session.conduct().publish(task.sealing().forUpdate(round), new WeightFile(task.spec().digest(),
                    weights));
        }
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        RoundEntry entry = RoundEntry.of(update, session.numSamples(), salt);
        session.state().put(round, entry);
        return entry;
    }

    private static float[] privatize(PrivacyBudget privacy, float[] global, float[] trained) throws ParticipantException {
        try {
            return privacy.privatize(global, trained);
        } catch (IllegalArgumentException e) {
            throw new ParticipantException("cannot privatize the trained model: " + e.getMessage(), e);
        }
    }

    /**
     * Whether this participant may publish an update in {@code pos}'s round under the task's
     * privacy budget. Once the budget is spent it leaves the task (so that the rounds it can no
     * longer take part in are not held against it) and says so; it then finishes the rounds it
     * is still active in, claims, and stops.
     */
    private boolean withinPrivacyBudget(RoundPosition pos, ParticipantInfo me) throws ChainException {
        PrivacyBudget privacy = session.loaded().privacy();
        if (privacy == null || privacy.allows(session.state().rounds().keySet(), pos.round())) {
            return true;
        }
        if (me.exitRound() == 0 && !session.attempts().refused(pos, "leave")) {
            leaveForPrivacy(pos, pos.round());
        }
        return false;
    }

    private void leaveForPrivacy(RoundPosition pos, long firstRoundOver) throws ChainException {
        long updates = PrivacyBudget.producedBefore(session.state().rounds().keySet(), firstRoundOver);
        if (session.attempts().attempt(pos, "leave", session.task()::requestLeave)) {
            session.listener().privacyBudgetSpent(firstRoundOver, session.loaded().privacy().spent(updates));
        }
    }
}
