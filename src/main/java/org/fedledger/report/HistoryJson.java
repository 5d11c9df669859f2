package org.fedledger.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.report.TaskHistory.Member;
import org.fedledger.report.TaskHistory.Round;
import org.fedledger.report.TaskHistory.Slashes;
import org.fedledger.report.TaskHistory.Terms;
import org.fedledger.report.TaskHistory.Vote;

/**
 * {@link TaskHistory#toJson()}: the tree is built field by field, so the names and their order
 * are a format of their own that renaming a Java accessor cannot change by accident.
 */
final class HistoryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HistoryJson() {}

    static String write(TaskHistory h) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("task", h.task());
        root.put("chainId", h.chainId());
        root.put("phase", h.phase().name());
        root.put("currentRound", h.currentRound());
        root.set("terms", terms(h.terms()));
        put(root, "initialAccuracy", h.initialAccuracy());
        ArrayNode rounds = root.putArray("rounds");
        h.rounds().forEach(r -> rounds.add(round(r)));
        ArrayNode participants = root.putArray("participants");
        h.participants().forEach(m -> participants.add(member(m, h.epsilonSpent(m))));
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values failed to serialize", e);
        }
    }

    private static ObjectNode terms(Terms t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("numRounds", t.numRounds());
        n.put("ruleId", t.ruleId());
        n.put("rule", t.rule());
        n.put("token", t.token());
        n.put("quorumBps", t.quorumBps());
        n.put("minRevealers", t.minRevealers());
        put(n, "minStake", t.minStake());
        n.put("modelSpec", t.modelSpec().toString());
        n.put("initialModel", t.initialModel().toString());
        if (t.privacy().isPresent()) {
            DpPolicy p = t.privacy().get();
            n.putObject("privacy").put("clipNorm", p.clipNorm()).put("noiseMultiplier", p.noiseMultiplier())
                    .put("delta", p.delta()).put("epsilonBudget", p.epsilonBudget())
                    .put("roundsWithinBudget", p.roundsWithinBudget());
        } else {
            n.putNull("privacy");
        }
        return n;
    }

    private static ObjectNode round(Round r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("round", r.number());
        n.put("status", r.status().name());
        n.put("aggregate", r.aggregate().map(Object::toString).orElse(null));
        put(n, "totalWeight", r.totalWeight());
        put(n, "reward", r.reward());
        put(n, "claimed", r.claimed());
        ArrayNode committers = n.putArray("committers");
        r.committers().forEach(committers::add);
        ArrayNode revealers = n.putArray("revealers");
        r.revealers().forEach(revealers::add);
        ArrayNode votes = n.putArray("votes");
        for (Vote v : r.votes()) {
            votes.addObject().put("voter", v.voter()).put("ordinal", v.ordinal());
        }
        n.put("winningOrdinal", r.winningOrdinal());
        put(n, "gasUsed", r.gasUsed());
        put(n, "accuracy", r.accuracy());
        return n;
    }

    private static ObjectNode member(Member m, OptionalDouble epsilonSpent) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("address", m.address());
        n.put("status", m.status().name());
        put(n, "stake", m.stake());
        put(n, "joinedWith", m.joinedWith());
        put(n, "rewards", m.rewards());
        put(n, "claimed", m.claimed());
        put(n, "bounties", m.bounties());
        ArrayNode slashes = n.putArray("slashes");
        for (Slashes s : m.slashes()) {
            ObjectNode o = slashes.addObject().put("kind", s.kind().name()).put("count", s.count());
            put(o, "amount", s.amount());
        }
        n.put("roundsCommitted", m.roundsCommitted());
        n.put("roundsRevealed", m.roundsRevealed());
        n.put("roundsAccepted", m.roundsAccepted());
        put(n, "epsilonSpent", epsilonSpent);
        return n;
    }

    private static void put(ObjectNode n, String name, BigInteger amount) {
        n.put(name, amount.toString());
    }

    private static void put(ObjectNode n, String name, OptionalDouble value) {
        if (value.isPresent()) {
            n.put(name, value.getAsDouble());
        } else {
            n.putNull(name);
        }
    }

    private static void put(ObjectNode n, String name, OptionalLong value) {
        if (value.isPresent()) {
            n.put(name, value.getAsLong());
        } else {
            n.putNull(name);
        }
    }
}
