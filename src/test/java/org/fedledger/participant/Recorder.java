package org.fedledger.participant;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.outcome.Contribution;
import org.fedledger.storage.Cid;

/**
 * A participant's listener that writes what it hears as short lines ({@code "committed 1"},
 * {@code "ended 1 FINALIZED agreed"}, {@code "reported bob NO_REVEAL in 1"}, {@code "skipped vote
 * in 2: RoundsNotInPhase(...)"}), accounts by their {@link Federation} names, for assertions.
 */
final class Recorder implements ParticipantListener {
    private final List<String> events = new ArrayList<>();
    private final List<Cid> committed = new ArrayList<>();
    private final List<Cid> votedFor = new ArrayList<>();

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The events starting with {@code prefix}. */
    synchronized List<String> starting(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).toList();
    }

    /** The updates committed to, in order. */
    synchronized List<Cid> committedUpdates() {
        return List.copyOf(committed);
    }

    /** The aggregates voted for, in order. */
    synchronized List<Cid> votedAggregates() {
        return List.copyOf(votedFor);
    }

    private synchronized void add(String event) {
        events.add(event);
    }

    @Override
    public void joined(BigInteger stake, long firstRound) {
        add("joined from round " + firstRound);
    }

    @Override
    public void trained(long round, int samples, double seconds) {
        add("trained " + round);
    }

    @Override
    public synchronized void committed(long round, Cid update) {
        committed.add(update);
        add("committed " + round);
    }

    @Override
    public void revealed(long round) {
        add("revealed " + round);
    }

    @Override
    public synchronized void voted(long round, Cid aggregate, List<Contribution> contributions) {
        votedFor.add(aggregate);
        add("voted " + round);
    }

    @Override
    public void roundEnded(long round, RoundRecord result, boolean agreed) {
        add("ended " + round + " " + result.status() + (agreed ? " agreed" : ""));
    }

    @Override
    public void reported(String offender, SlashKind kind, long round) {
        add("reported " + Federation.nameOf(offender) + " " + kind + " in " + round);
    }

    @Override
    public void claimed(List<Long> rounds, BigInteger credited) {
        add("claimed " + rounds);
    }

    @Override
    public void skipped(long round, String action, String reason) {
        add("skipped " + action + " in " + round + ": " + reason);
    }

    @Override
    public void problem(String message) {
        add("problem: " + message);
    }
}
