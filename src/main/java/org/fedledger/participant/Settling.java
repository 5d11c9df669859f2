package org.fedledger.participant;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.RewardClaim;
import org.fedledger.chain.TaskEvents;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;

/**
 * After a round: check how it ended against the outcome computed here, report the others'
 * slashable faults (each checked first, so a report is sent only when it would land), and
 * claim this participant's rewards in batches. Each ended round is settled once: the state file
 * records how far settling got.
 */
final class Settling {
    private final Session session;
    private final Outcomes outcomes;
    /** Rounds claimed, or ended with nothing to claim. */
    private final Set<Long> claimed = new HashSet<>();

    Settling(Session session, Outcomes outcomes) {
        this.session = session;
        this.outcomes = outcomes;
    }

    /** Checks, reports and records the rounds that ended through {@code lastEnded}; returns whether there were any. */
    boolean settle(long lastEnded, ParticipantInfo me) throws ChainException, ModelStoreException, ParticipantException,
            InterruptedException {
        boolean any = false;
        StateFile state = session.state();
        for (long round = state.reportedThrough() + 1; round <= lastEnded; round++) {
            RoundRecord result;
            try (Timing.Span s = session.timing().span(Work.CHECKS)) {
                result = session.task().roundRecord(round);
            }
            boolean agreed = false;
            RoundEntry entry = state.round(round);
            if (result.finalized() && entry != null && me.revealRound() >= round) {
                RoundEntry.Outcome outcome = entry.outcome() != null ? entry.outcome() : outcomes.of(round);
                agreed = Arrays.equals(outcome.tree().root(), result.weightsRoot());
                if (!agreed) {
                    session.listener().problem("round " + round + " finalized a weights root other than the one "
                            + "computed here: its rewards cannot be claimed by this participant");
                }
            }
            session.listener().roundEnded(round, result, agreed);
            if (session.settings().report()) {
                try (Timing.Span s = session.timing().span(Work.CHECKS)) {
                    report(round, result);
                }
            }
            state.reportedThrough(round);
            any = true;
        }
        return any;
    }

    /** Reports the slashable faults of round {@code round}, checking each candidate first. */
    private void report(long round, RoundRecord result) throws ChainException {
        TaskPort task = session.task();
        Set<String> committers = new LinkedHashSet<>(task.committers(round));
        Set<String> revealers = new LinkedHashSet<>();
        for (TaskEvents.Revealed r : task.revealed(round)) {
            revealers.add(r.participant());
        }
        for (String p : committers) {
            if (!revealers.contains(p)) {
                reportIfSlashable(p, SlashKind.NO_REVEAL, round);
            }
        }
        if (result.finalized()) {
            for (TaskEvents.Vote v : task.votes(round)) {
                if (v.ordinal() != result.winningOrdinal()) {
                    reportIfSlashable(v.voter(), SlashKind.WRONG_VOTE, round);
                }
            }
            reportRejections(round, result);
        }
        for (String p : task.participants()) {
            if (!committers.contains(p) && !p.equals(session.account())) {
                reportIfSlashable(p, SlashKind.MISSED_ROUNDS, round);
            }
        }
    }

    /** Reports the updates the finalized outcome rejected, when it is the outcome computed here (which has the proofs). */
    private void reportRejections(long round, RoundRecord result) throws ChainException {
        RoundEntry entry = session.state().round(round);
        if (entry == null || entry.outcome() == null) {
            return;
        }
        WeightsTree tree = entry.outcome().tree();
        if (!Arrays.equals(tree.root(), result.weightsRoot())) {
            return;
        }
        for (Contribution c : tree.leaves()) {
            if (!c.accepted() && !c.participant().equals(session.account())
                    && !session.task().isRejectionSlashed(c.participant(), round)) {
                tryReport(c.participant(), SlashKind.REJECTED_UPDATE, round, () -> session.task()
                        .slashRejectedUpdate(c.participant(), round, c.weight(), tree.proof(c.participant())));
            }
        }
    }

    private void reportIfSlashable(String offender, SlashKind kind, long round) throws ChainException {
        if (offender.equals(session.account()) || !session.task().slashable(offender, kind)) {
            return;
        }
        tryReport(offender, kind, round, () -> session.task().slash(offender, kind));
    }

    private void tryReport(String offender, SlashKind kind, long round, Attempts.Action report) throws ChainException {
        try {
            report.run();
            session.listener().reported(offender, kind, round);
        } catch (ContractRevertException e) {
            // another reporter was first, or the offender settled it: nothing to do
        }
    }

    /** Claims the rounds this participant agreed on and earned in, in batches; {@code all}: even a short batch. */
    void claim(boolean all) throws ChainException {
        StateFile state = session.state();
        TaskPort task = session.task();
        try (Timing.Span s = session.timing().span(Work.TRANSACTIONS)) {
            RewardClaims.Scan scan = RewardClaims.scan(task, state.rounds(), session.account(),
                    round -> round <= state.reportedThrough() && !claimed.contains(round));
            claimed.addAll(scan.settled());
            List<RewardClaim> claims = scan.claims();
            if (claims.isEmpty() || (!all && claims.size() < session.settings().claimBatch())) {
                return;
            }
            RewardClaims.claim(task, task::claim, session.account(), claims, batch -> {
                claimed.addAll(batch.rounds());
                session.listener().claimed(batch.rounds(), batch.amount());
            });
        } catch (ContractRevertException e) {
            session.listener().problem("claim refused: " + e.getMessage());
        }
    }

    /**
     * What this participant did in the task, read back from the chain: a round counts as
     * committed when its commitment landed (the state file also holds updates trained for a
     * commit that was never sent, or refused), and as accepted when the round finalized the
     * outcome computed here and it gives this participant a positive weight.
     */
    Participant.Summary summary() throws ParticipantException {
        try {
            TaskPort task = session.task();
            String me = session.account();
            int committed = 0;
            int accepted = 0;
            for (Map.Entry<Long, RoundEntry> e : session.state().rounds().entrySet()) {
                long round = e.getKey();
                if (!task.committers(round).contains(me)) {
                    continue;
                }
                committed++;
                RoundEntry.Outcome o = e.getValue().outcome();
                if (o != null && o.leaves().stream().anyMatch(l -> l.participant().equals(me) && l.accepted()
                        && new BigInteger(l.weight()).signum() > 0)) {
                    RoundRecord record = task.roundRecord(round);
                    if (record.finalized() && Arrays.equals(record.weightsRoot(), o.tree().root())) {
                        accepted++;
                    }
                }
            }
            ParticipantInfo info = task.participantInfo(me);
            return new Participant.Summary(me, committed, accepted, info.stake(), info.rewards());
        } catch (ChainException e) {
            throw new ParticipantException("finished, but cannot read the result: " + e.getMessage(), e);
        }
    }
}
