package org.fedledger.participant;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.deploy.TokenAmounts;
import org.fedledger.outcome.Contribution;
import org.fedledger.storage.Cid;

/**
 * A participant's progress as lines of text, one per step, prefixed with a name (for the
 * {@code participant run} command and logs): {@code "p1 round 2: committed bafk..."}. Token
 * amounts are shown in whole tokens (18 decimals). Never prints keys or salts.
 */
public final class ParticipantLog implements ParticipantListener {
    private final PrintWriter out;
    private final String name;
    private final long started = System.nanoTime();

    public ParticipantLog(PrintWriter out, String name) {
        this.out = out;
        this.name = name;
    }

    private void line(String text) {
        out.printf("%7.1fs %s %s%n", (System.nanoTime() - started) / 1e9, name, text);
        out.flush();
    }

    private static String tokens(BigInteger amount) {
        return TokenAmounts.format(amount, 18);
    }

    @Override
    public void joined(BigInteger stake, long firstRound) {
        line("joined with a stake of " + tokens(stake) + ", active from round " + firstRound);
    }

    @Override
    public void trained(long round, int samples, double seconds) {
        line(String.format("round %d: trained on %d samples in %.1f s", round, samples, seconds));
    }

    @Override
    public void committed(long round, Cid update) {
        line("round " + round + ": committed " + update);
    }

    @Override
    public void revealed(long round) {
        line("round " + round + ": revealed");
    }

    @Override
    public void voted(long round, Cid aggregate, List<Contribution> contributions) {
        long selected = contributions.stream().filter(c -> c.accepted() && c.weight().signum() > 0).count();
        long rejected = contributions.stream().filter(c -> !c.accepted()).count();
        line("round " + round + ": voted for " + aggregate + " (" + selected + " of " + contributions.size()
                + " updates averaged, " + rejected + " rejected as invalid)");
    }

    @Override
    public void roundEnded(long round, RoundRecord result, boolean agreed) {
        line("round " + round + ": " + result.status().name().toLowerCase().replace('_', ' ')
                + (result.finalized() ? (agreed ? ", as computed here" : ", NOT as computed here") : ""));
    }

    @Override
    public void reported(String offender, SlashKind kind, long round) {
        line("round " + round + ": reported " + offender + " for " + kind.name().toLowerCase().replace('_', ' '));
    }

    @Override
    public void privacyBudgetSpent(long round, String spent) {
        line("privacy budget spent (" + spent + "): no update from round " + round
                + " on; left the task, still finishing the rounds it is active in");
    }

    @Override
    public void claimed(List<Long> rounds, BigInteger credited) {
        line("claimed " + tokens(credited) + " tokens for rounds " + rounds);
    }

    @Override
    public void skipped(long round, String action, String reason) {
        line("round " + round + ": " + action + " skipped, the task moved on (" + reason + ")");
    }

    @Override
    public void problem(String message) {
        line("problem: " + message);
    }
}
