package org.fedledger.bench;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.outcome.Contribution;
import org.fedledger.participant.ParticipantListener;
import org.fedledger.participant.Work;
import org.fedledger.storage.Cid;

/**
 * One participant's time per round and kind of work, as it reports through
 * {@link ParticipantListener#spent}, passing every event on to another listener (its log). A
 * round's window runs from the start of the first work the participant did in it to the end of
 * the last: since a participant's work never overlaps, the work in a window never adds up to
 * more than the window. Written on the participant's thread; read once its run is over.
 */
final class RoundTimings implements ParticipantListener {
    /** One round: its window (System.nanoTime) and the nanoseconds per kind of work. */
    static final class Round {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        final Map<Work, Long> nanos = new EnumMap<>(Work.class);

        double seconds(Work work) {
            return nanos.getOrDefault(work, 0L) / 1e9;
        }

        double windowSeconds() {
            return (end - start) / 1e9;
        }
    }

    private final ParticipantListener next;
    private final Map<Long, Round> rounds = new TreeMap<>();

    RoundTimings(ParticipantListener next) {
        this.next = Objects.requireNonNull(next, "next == null");
    }

    /** Round {@code round}'s figures, or null if the participant did nothing in it. */
    Round round(long round) {
        return rounds.get(round);
    }

    @Override
    public void spent(long round, Work work, long nanos) {
        long now = System.nanoTime();
        Round r = rounds.computeIfAbsent(round, k -> new Round());
        r.start = Math.min(r.start, now - nanos);
        r.end = Math.max(r.end, now);
        r.nanos.merge(work, nanos, Long::sum);
        next.spent(round, work, nanos);
    }

    @Override
    public void joined(BigInteger stake, long firstRound) {
        next.joined(stake, firstRound);
    }

    @Override
    public void trained(long round, int samples, double seconds) {
        next.trained(round, samples, seconds);
    }

    @Override
    public void committed(long round, Cid update) {
        next.committed(round, update);
    }

    @Override
    public void revealed(long round) {
        next.revealed(round);
    }

    @Override
    public void voted(long round, Cid aggregate, List<Contribution> contributions) {
        next.voted(round, aggregate, contributions);
    }

    @Override
    public void roundEnded(long round, RoundRecord result, boolean agreed) {
        next.roundEnded(round, result, agreed);
    }

    @Override
    public void reported(String offender, SlashKind kind, long round) {
        next.reported(offender, kind, round);
    }

    @Override
    public void privacyBudgetSpent(long round, String spent) {
        next.privacyBudgetSpent(round, spent);
    }

    @Override
    public void claimed(List<Long> rounds, BigInteger credited) {
        next.claimed(rounds, credited);
    }

    @Override
    public void skipped(long round, String action, String reason) {
        next.skipped(round, action, reason);
    }

    @Override
    public void problem(String message) {
        next.problem(message);
    }
}
