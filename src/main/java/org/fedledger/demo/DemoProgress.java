package org.fedledger.demo;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.deploy.TokenAmounts;
import org.fedledger.participant.ParticipantListener;
import org.fedledger.storage.Cid;

/**
 * The demo's live view of all participants at once: a progress bar of the rounds with the
 * round's commits, reveals and votes, and one line per event worth seeing (a round's end, a
 * report, a claim). On a terminal the bar redraws in place; otherwise (logs, CI) only the event
 * lines are printed. Called from every participant's thread.
 */
final class DemoProgress {
    private final PrintWriter out;
    private final int rounds;
    private final int participants;
    private final boolean terminal;
    private final Map<Long, int[]> counts = new HashMap<>();
    private final Set<Long> ended = new HashSet<>();
    private final long started = System.nanoTime();
    private long current = 1;
    private boolean barShown;

    DemoProgress(PrintWriter out, int rounds, int participants, boolean terminal) {
        this.out = out;
        this.rounds = rounds;
        this.participants = participants;
        this.terminal = terminal;
    }

    /** The listener of participant {@code name}. */
    ParticipantListener listener(String name) {
        return new ParticipantListener() {
            @Override
            public void committed(long round, Cid update) {
                count(round, 0);
            }

            @Override
            public void revealed(long round) {
                count(round, 1);
            }

            @Override
            public void voted(long round, Cid aggregate, List<org.fedledger.outcome.Contribution> contributions) {
                count(round, 2);
            }

            @Override
            public void roundEnded(long round, RoundRecord result, boolean agreed) {
                roundEnd(round, result);
            }

            @Override
            public void reported(String offender, SlashKind kind, long round) {
                line(name + " reported " + offender + " for " + kind.name().toLowerCase().replace('_', ' ')
                        + " in round " + round);
            }

            @Override
            public void claimed(List<Long> claimedRounds, BigInteger credited) {
                line(name + " claimed " + tokens(credited) + " tokens for rounds " + claimedRounds);
            }

            @Override
            public void problem(String message) {
                line(name + ": " + message);
            }
        };
    }

    private synchronized void count(long round, int what) {
        counts.computeIfAbsent(round, r -> new int[3])[what]++;
        current = Math.max(current, round);
        bar();
    }

    private synchronized void roundEnd(long round, RoundRecord result) {
        if (ended.add(round)) {
            int[] c = counts.getOrDefault(round, new int[3]);
            // votes still in flight when the quorum is reached arrive after this line: not counted here
            line(String.format("round %d/%d %s: %d committed, %d revealed", round, rounds,
                    result.status().name().toLowerCase().replace('_', ' '), c[0], c[1]));
        }
    }

    private synchronized void line(String text) {
        clearBar();
        out.printf("%6.1fs  %s%n", (System.nanoTime() - started) / 1e9, text);
        out.flush();
        bar();
    }

    private void bar() {
        if (!terminal) {
            return;
        }
        int done = ended.size();
        int width = 30;
        int filled = rounds == 0 ? width : done * width / rounds;
        int[] c = counts.getOrDefault(current, new int[3]);
        out.printf("\r[%s%s] %d/%d rounds  round %d: committed %d/%d revealed %d voted %d ",
                "#".repeat(filled), ".".repeat(width - filled), done, rounds, current, c[0], participants, c[1], c[2]);
        out.flush();
        barShown = true;
    }

    private void clearBar() {
        if (barShown) {
            out.print("\r" + " ".repeat(100) + "\r");
            barShown = false;
        }
    }

    synchronized void finish() {
        clearBar();
        out.flush();
    }

    static String tokens(BigInteger amount) {
        return TokenAmounts.format(amount, 18, 2);
    }
}
