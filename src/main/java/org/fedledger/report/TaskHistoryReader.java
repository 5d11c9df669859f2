package org.fedledger.report;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.NotATaskException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.chain.TaskView;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.report.TaskHistory.Member;
import org.fedledger.report.TaskHistory.Round;
import org.fedledger.report.TaskHistory.RoundStatus;
import org.fedledger.report.TaskHistory.Slashes;
import org.fedledger.report.TaskHistory.Terms;
import org.fedledger.report.TaskHistory.Vote;
import org.fedledger.storage.Cid;
import org.fedledger.task.TaskPolicy;
import org.fedledger.task.TaskPolicyException;

/**
 * Reads a {@link TaskHistory} from the chain alone: the task's views ({@code rules},
 * {@code roundRecord}, {@code participantInfo}, {@code rewardsOf}...), its event logs, and the
 * receipts of the transactions that moved each round, for their gas. Sends no transaction.
 * {@link #open} checks first that a FedLedger task lives at the address, so a wrong address
 * fails with one clear line rather than a decoding error.
 *
 * <p>A running task is read view by view, not at one block, so a round that ends during the
 * read may show up half updated; read again for a consistent picture.
 */
public final class TaskHistoryReader {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final Chain chain;
    private final String task;
    private final BigInteger fromBlock;
    private final TaskView client;
    private final TaskRules terms;
    private final TaskMetadata content;
    /** The task's policy; null: this version cannot read it. */
    private final TaskPolicy policy;

    private TaskHistoryReader(Chain chain, String task, BigInteger fromBlock, TaskView client, TaskRules terms,
                              TaskMetadata content) {
        this.chain = chain;
        this.task = task;
        this.fromBlock = fromBlock;
        this.client = client;
        this.terms = terms;
        this.content = content;
        this.policy = policy(terms, content);
    }

    /**
     * A reader of the task at {@code task} whose logs are searched from {@code fromBlock} (null:
     * from the first block; pass the task's creation block on a long chain).
     *
     * @throws IllegalArgumentException if {@code task} is not a 0x-prefixed 20-byte hex address
     * @throws ChainException if the node fails, or no FedLedger task lives at the address
     */
    public static TaskHistoryReader open(Chain chain, String task, BigInteger fromBlock) throws ChainException {
        requireNonNull(chain, "chain == null");
        requireNonNull(task, "task == null");
        if (!ADDRESS.matcher(task).matches()) {
            throw new IllegalArgumentException("'" + task + "' is not a task address (0x and 40 hex digits)");
        }
        checkFromBlock(fromBlock);
        String address = task.toLowerCase();
        TaskView view;
        try {
            view = TaskView.open(chain, address);
        } catch (NotATaskException e) {
            if (!e.contractThere()) {
                throw new ChainException("no contract at " + address + " on chain " + chain.chainId() + " ("
                        + chain.rpcUrl() + "): check the task address and the chain", e);
            }
            throw new ChainException("the contract at " + address + " on chain " + chain.chainId()
                    + " is not a FedLedger task (its rules() view failed): check the task address", e);
        }
        return of(chain, view, fromBlock);
    }

    /**
     * A reader of the task {@code view} reads, known to be a FedLedger task (see
     * {@link TaskView#open}), whose logs are searched from {@code fromBlock} (null: the first block).
     */
    public static TaskHistoryReader of(Chain chain, TaskView view, BigInteger fromBlock) throws ChainException {
        requireNonNull(chain, "chain == null");
        requireNonNull(view, "view == null");
        checkFromBlock(fromBlock);
        return new TaskHistoryReader(chain, view.address().toLowerCase(), fromBlock, view, view.rules(),
                view.metadata());
    }

    private static void checkFromBlock(BigInteger fromBlock) {
        if (fromBlock != null && fromBlock.signum() < 0) {
            throw new IllegalArgumentException("fromBlock < 0: " + fromBlock);
        }
    }

    /** The task's address, lower case. */
    public String task() {
        return task;
    }

    /** The task's model spec, initial model and rule parameters (to build an {@link AccuracyProbe}). */
    public TaskMetadata content() {
        return content;
    }

    /** The task's policy (rule, privacy, encryption), unless this version cannot read it. */
    public Optional<TaskPolicy> policy() {
        return Optional.ofNullable(policy);
    }

    private static TaskPolicy policy(TaskRules terms, TaskMetadata content) {
        try {
            return TaskPolicy.decode(terms.aggregationRule(), content.aggregationParams());
        } catch (TaskPolicyException e) {
            return null;
        }
    }

    /**
     * Reads the task's history as it is now; asks {@code probe} for the accuracy of the initial
     * model and of each finalized round's aggregate.
     *
     * @throws ModelStoreException if the probe fails
     */
    public TaskHistory read(AccuracyProbe probe) throws ChainException, ModelStoreException {
        requireNonNull(probe, "probe == null");
        RoundPosition position = client.position();
        long lastRound = position.phase() == TaskPhase.NONE || position.phase() == TaskPhase.REGISTRATION ? 0
                : position.round();
        TaskEvents events = new TaskEvents(chain, task, fromBlock);
        TaskLogs logs = new TaskLogs(chain, task, events);
        List<TaskEvents.Claim> claims = events.claims();
        Map<Long, Long> gas = logs.gasPerRound();
        Map<Long, TaskEvents.Finalized> finalized = new HashMap<>();
        events.finalized().forEach(f -> finalized.put(f.round(), f));

        List<Round> rounds = new ArrayList<>();
        Map<String, int[]> taken = new HashMap<>(); // committed, revealed
        for (long r = 1; r <= lastRound; r++) {
            Round round = round(r, client.roundRecord(r), finalized.get(r), events, claims, gas, probe);
            round.committers().forEach(p -> taken.computeIfAbsent(p, k -> new int[2])[0]++);
            round.revealers().forEach(p -> taken.computeIfAbsent(p, k -> new int[2])[1]++);
            rounds.add(round);
        }
        List<Member> members = new ArrayList<>();
        List<TaskEvents.Slash> slashes = events.slashes();
        List<TaskEvents.Joined> joins = events.joins();
        Set<Long> finalizedRounds = finalized.keySet();
        for (String p : client.participants()) {
            members.add(member(p, joins, slashes, claims, finalizedRounds, taken.getOrDefault(p, new int[2])));
        }
        return new TaskHistory(task, chain.chainId(), position.phase(), position.round(), terms(),
                probe.accuracyOf(content.initialModel()), rounds, members);
    }

    /** The task's terms as a report shows them: its rule by name (if this version knows it) and privacy policy. */
    public Terms terms() {
        String rule = policy == null ? "rule " + terms.aggregationRule() : policy.ruleSpec();
        return new Terms(terms.numRounds(), terms.aggregationRule(), rule, terms.token().toLowerCase(),
                terms.quorumBps(), terms.minRevealers(), terms.minStake(), content.modelSpec(), content.initialModel(),
                policy().flatMap(TaskPolicy::privacy));
    }

    private static Round round(long r, RoundRecord result, TaskEvents.Finalized finalized, TaskEvents events,
                               List<TaskEvents.Claim> claims, Map<Long, Long> gas, AccuracyProbe probe)
            throws ChainException, ModelStoreException {
        List<String> revealers = events.revealed(r).stream().map(TaskEvents.Revealed::participant).toList();
        List<Vote> votes = events.votes(r).stream().map(v -> new Vote(v.voter(), v.ordinal())).toList();
        BigInteger claimed = claims.stream().filter(c -> c.round() == r).map(TaskEvents.Claim::amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
        Optional<Cid> aggregate = result.finalized() && finalized != null
                ? Optional.of(finalized.aggregate()) : Optional.empty();
        OptionalDouble accuracy = aggregate.isPresent() ? probe.accuracyOf(aggregate.get()) : OptionalDouble.empty();
        return new Round(r, RoundStatus.of(result.status()), aggregate, result.totalWeight(), result.reward(), claimed,
                events.committers(r), revealers, votes, result.finalized() ? result.winningOrdinal() : 0,
                OptionalLong.of(gas.getOrDefault(r, 0L)), accuracy);
    }

    private Member member(String p, List<TaskEvents.Joined> joins, List<TaskEvents.Slash> slashes,
                          List<TaskEvents.Claim> claims, Set<Long> finalizedRounds, int[] taken) throws ChainException {
        ParticipantInfo info = client.participantInfo(p);
        BigInteger joinedWith = joins.stream().filter(j -> j.participant().equals(p)).map(TaskEvents.Joined::amount)
                .findFirst().orElse(BigInteger.ZERO);
        BigInteger bounties = slashes.stream().filter(s -> s.reporter().equals(p)).map(TaskEvents.Slash::bounty)
                .reduce(BigInteger.ZERO, BigInteger::add);
        Map<SlashKind, Slashes> suffered = new EnumMap<>(SlashKind.class);
        for (TaskEvents.Slash s : slashes) {
            if (s.offender().equals(p)) {
                suffered.merge(s.kind(), new Slashes(s.kind(), 1, s.amount()),
                        (a, b) -> new Slashes(a.kind(), a.count() + b.count(), a.amount().add(b.amount())));
            }
        }
        BigInteger claimed = BigInteger.ZERO;
        Set<Long> accepted = new HashSet<>();
        for (TaskEvents.Claim c : claims) {
            if (c.participant().equals(p)) {
                claimed = claimed.add(c.amount());
                if (c.amount().signum() > 0 && finalizedRounds.contains(c.round())) {
                    accepted.add(c.round());
                }
            }
        }
        return new Member(p, info.status(), info.stake(), joinedWith, client.rewardsOf(p), claimed, bounties,
                List.copyOf(suffered.values()), taken[0], taken[1], accepted.size());
    }
}
