package org.fedledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fedledger.chain.RoundPosition;
import org.fedledger.task.TaskPolicy;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskView;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.report.TaskHistory;
import org.fedledger.report.TaskHistoryReader;
import org.fedledger.storage.Cid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl status}: where a task is now, read from the chain alone: its terms, the current
 * round and phase with the phase deadline by the chain's clock, this round's commits, reveals
 * and votes, the global model, and every participant's status, stake, rewards and round markers;
 * for a task with a differential-privacy policy, the policy and the epsilon each participant has
 * spent by its revealed updates.
 */
@Command(name = "status", description = {
    "Show a task: terms, current round and phase, the phase deadline, this round's commits, reveals and votes, "
        + "the global model and every participant. Reads only the chain."})
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, paramLabel = "ADDRESS", description = "The task contract.")
    String task;

    @Option(names = "--json", description = "Print the status as JSON (amounts in the token's base units).")
    boolean json;

    @Option(names = "--from-block", paramLabel = "N",
            description = "Search the task's logs from block N (default: the first block).")
    BigInteger fromBlock;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Spec
    CommandSpec spec;

    /**
     * A task as it is now. {@code modelCid} is null if the global model's event was not found;
     * {@code privacy} is null for a task without a differential-privacy policy.
     */
    record Snapshot(String task, long chainId, String token, int numRounds, String rule, int quorumBps,
                    BigInteger minStake, long round, TaskPhase phase, long deadline, long chainTime, int commits,
                    int reveals, int votes, int active, long modelRound, Cid modelCid, DpPolicy privacy,
                    List<Member> participants) {
        Snapshot {
            participants = List.copyOf(participants);
        }
    }

    /** One participant's row; {@code updates}: the rounds it revealed an update in. */
    record Member(String address, ParticipantInfo info, int updates) {}

    @Override
    public Integer call() throws ChainException {
        Tasks.checkAddress(task);
        if (fromBlock != null && fromBlock.signum() < 0) {
            throw new Failures.UserException("--from-block must be at least 0, not " + fromBlock);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
            TaskView view = Tasks.open(chain, task);
            Snapshot s = read(chain, view, TaskHistoryReader.of(chain, view, fromBlock),
                    new TaskEvents(chain, task, fromBlock));
            out.print(json ? toJson(s) : toText(s));
        }
        return 0;
    }

    /** The task now: its terms as {@code reader} (the report's read model) gives them, the rest from views and events. */
    private static Snapshot read(Chain chain, TaskView client, TaskHistoryReader reader, TaskEvents events)
            throws ChainException {
        TaskHistory.Terms terms = reader.terms();
        TaskMetadata content = reader.content();
        RoundPosition pos = client.position();
        long now = chain.latestBlockTime();
        DpPolicy privacy = terms.privacy().orElse(null);
        Map<String, Integer> updates = new HashMap<>();
        if (privacy != null) {
            events.revealed().forEach(r -> updates.merge(r.participant(), 1, Integer::sum));
        }
        List<Member> members = new ArrayList<>();
        int active = 0;
        for (String p : client.participants()) {
            ParticipantInfo info = client.participantInfo(p);
            members.add(new Member(p, info, updates.getOrDefault(p.toLowerCase(), 0)));
            active += info.activeIn(pos.round()) ? 1 : 0;
        }
        boolean running = pos.round() > 0;
        int commits = running ? events.committers(pos.round()).size() : 0;
        int reveals = running ? events.revealed(pos.round()).size() : 0;
        int votes = running ? events.votes(pos.round()).size() : 0;
        TaskView.GlobalModel model = client.globalModel();
        Cid cid = events.modelOf(model, content.initialModel());
        return new Snapshot(client.address().toLowerCase(), chain.chainId(), terms.token(), terms.numRounds(),
                terms.rule(), terms.quorumBps(), terms.minStake(), pos.round(), pos.phase(), pos.deadline(), now,
                commits, reveals, votes, active, model.round(), cid, privacy, members);
    }

    static String toText(Snapshot s) {
        StringBuilder b = new StringBuilder();
        b.append("task ").append(s.task()).append(" on chain ").append(s.chainId()).append('\n');
        line(b, "token", s.token());
        line(b, "rounds", s.numRounds() + " (rule " + s.rule() + ", quorum " + percent(s.quorumBps())
                + " of revealed stake, min stake " + Tasks.tokens(s.minStake()) + " tokens)");
        if (s.privacy() != null) {
            DpPolicy p = s.privacy();
            long fits = p.roundsWithinBudget();
            line(b, "privacy", "differential privacy: clip norm " + TaskPolicy.format(p.clipNorm())
                    + ", noise multiplier " + TaskPolicy.format(p.noiseMultiplier()) + "; budget epsilon "
                    + TaskPolicy.format(p.epsilonBudget()) + " at delta " + TaskPolicy.format(p.delta()) + ", " + fits
                    + " update" + (fits == 1 ? "" : "s") + " per participant");
        }
        boolean timed = s.phase() != TaskPhase.COMPLETED && s.phase() != TaskPhase.NONE;
        line(b, "now", switch (s.phase()) {
            case NONE -> "not initialized";
            case REGISTRATION -> "registration (round 1 starts once its deadline passes)";
            case COMPLETED -> "completed (all " + s.numRounds() + " rounds)";
            default -> "round " + s.round() + " of " + s.numRounds() + ", " + s.phase().name().toLowerCase() + " phase";
        });
        if (timed) {
            long left = s.deadline() - s.chainTime();
            line(b, "deadline", Tasks.utc(s.deadline()) + (left > 0 ? " (" + left + " s left by the chain's clock)"
                    : " (passed " + -left + " s ago by the chain's clock: anyone may advance)"));
        }
        if (s.round() > 0) {
            line(b, s.phase() == TaskPhase.COMPLETED ? "last round" : "this round", s.commits() + " committed, "
                    + s.reveals() + " revealed, " + s.votes() + " voted (" + s.active() + " active)");
        }
        line(b, "global model", (s.modelRound() == 0 ? "initial model " : "round " + s.modelRound() + " ")
                + (s.modelCid() == null ? "(its RoundFinalized event was not found: try --from-block)" : s.modelCid()));
        b.append("participants (").append(s.participants().size()).append(")\n");
        if (!s.participants().isEmpty()) {
            b.append(String.format("  %-42s  %-9s  %14s  %14s  %6s  %6s  %6s%s%n", "address", "status", "stake",
                    "rewards", "commit", "reveal", "vote", s.privacy() == null ? ""
                            : String.format("  %7s  %12s", "updates", "epsilon spent")));
            for (Member m : s.participants()) {
                ParticipantInfo i = m.info();
                b.append(String.format("  %-42s  %-9s  %14s  %14s  %6d  %6d  %6d%s%n", m.address(),
                        i.status().name().toLowerCase(), Tasks.tokens(i.stake()), Tasks.tokens(i.rewards()),
                        i.commitRound(), i.revealRound(), i.voteRound(), s.privacy() == null ? ""
                                : String.format(Locale.ROOT, "  %7d  %12.4g", m.updates(),
                                        s.privacy().spentAfter(m.updates()).epsilon())));
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format("  %-13s %s%n", label, value));
    }

    private static String percent(int bps) {
        return new BigDecimal(bps).movePointLeft(2).stripTrailingZeros().toPlainString() + "%";
    }

    static String toJson(Snapshot s) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("task", s.task());
        root.put("chainId", s.chainId());
        root.put("token", s.token());
        root.put("numRounds", s.numRounds());
        root.put("rule", s.rule());
        root.put("quorumBps", s.quorumBps());
        root.put("minStake", s.minStake().toString());
        if (s.privacy() == null) {
            root.putNull("privacy");
        } else {
            DpPolicy p = s.privacy();
            root.putObject("privacy").put("clipNorm", p.clipNorm()).put("noiseMultiplier", p.noiseMultiplier())
                    .put("delta", p.delta()).put("epsilonBudget", p.epsilonBudget())
                    .put("roundsWithinBudget", p.roundsWithinBudget());
        }
        root.put("round", s.round());
        root.put("phase", s.phase().name());
        boolean timed = s.phase() != TaskPhase.COMPLETED && s.phase() != TaskPhase.NONE;
        root.put("deadline", timed ? s.deadline() : null);
        root.put("deadlineUtc", timed ? Tasks.utc(s.deadline()) : null);
        root.put("chainTime", s.chainTime());
        root.put("secondsLeft", timed ? Math.max(0, s.deadline() - s.chainTime()) : null);
        root.put("commits", s.commits());
        root.put("reveals", s.reveals());
        root.put("votes", s.votes());
        root.put("activeCount", s.active());
        ObjectNode model = root.putObject("globalModel");
        model.put("round", s.modelRound());
        model.put("cid", s.modelCid() == null ? null : s.modelCid().toString());
        ArrayNode members = root.putArray("participants");
        for (Member m : s.participants()) {
            ParticipantInfo i = m.info();
            ObjectNode row = members.addObject();
            row.put("address", m.address()).put("status", i.status().name())
                    .put("stake", i.stake().toString()).put("rewards", i.rewards().toString())
                    .put("joinRound", i.joinRound()).put("exitRound", i.exitRound())
                    .put("commitRound", i.commitRound()).put("revealRound", i.revealRound())
                    .put("voteRound", i.voteRound()).put("unlockTime", i.unlockTime());
            if (s.privacy() != null) {
                row.put("updatesRevealed", m.updates())
                        .put("epsilonSpent", s.privacy().spentAfter(m.updates()).epsilon());
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
