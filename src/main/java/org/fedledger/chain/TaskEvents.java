package org.fedledger.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.storage.Cid;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * A task's history, read from its event logs: who committed, revealed and voted in a round, how
 * rounds ended and who was slashed. Per-round, per-participant facts live only in events (the
 * contract keeps no such storage), so this is how participants find the updates to aggregate
 * and the facts to report. Queries filter by the indexed round, and start at the block given at
 * construction (the task's creation block, or earliest). The logs come from the task's
 * {@link TaskLogTail}, which everyone in this JVM reading the task shares.
 */
public final class TaskEvents {
    private final TaskLogTail logs;

    public TaskEvents(Chain chain, String task, BigInteger fromBlock) {
        Objects.requireNonNull(chain, "chain == null");
        Objects.requireNonNull(task, "task == null");
        long from = fromBlock == null ? 0 : fromBlock.longValueExact();
        this.logs = chain.shared("task logs " + task.toLowerCase() + " from " + from,
                () -> new TaskLogTail(chain, task, from));
    }

    /** An update revealed in a round: its CID and the samples bonded behind it. */
    public record Revealed(String participant, long round, long numSamples, BigInteger stake, Cid cid) {}

    /** A vote in a round, for the outcome with the given per-round ordinal. */
    public record Vote(String voter, long round, byte[] outcomeId, long ordinal) {}

    /** A finalized round: the new global model and the weights root its rewards follow. */
    public record Finalized(long round, Cid aggregate, byte[] weightsRoot, BigInteger totalWeight, BigInteger reward) {}

    /** A slash: who lost how much for what, and who reported it (zero address: settled by the offender). */
    public record Slash(String offender, long round, SlashKind kind, BigInteger amount, String reporter,
                        BigInteger bounty) {}

    /** A reward claimed for one round (one {@code RewardsClaimed} event holds a batch of them). */
    public record Claim(String participant, long round, BigInteger amount) {}

    /** A join: the stake and the first round the participant is active in. */
    public record Joined(String participant, BigInteger amount, long firstRound) {}

    /** The participants that committed in {@code round}. */
    public List<String> committers(long round) throws ChainException {
        return query("UpdateCommitted", FederatedTask.UPDATECOMMITTED_EVENT, 2, round,
                log -> FederatedTask.getUpdateCommittedEventFromLog(log).participant.toLowerCase());
    }

    /** The updates revealed in {@code round}, in log order. */
    public List<Revealed> revealed(long round) throws ChainException {
        return query("UpdateRevealed", FederatedTask.UPDATEREVEALED_EVENT, 2, round, TaskEvents::revealedOf);
    }

    /** Every update revealed so far, in log order. */
    public List<Revealed> revealed() throws ChainException {
        return query("UpdateRevealed", FederatedTask.UPDATEREVEALED_EVENT, 2, -1, TaskEvents::revealedOf);
    }

    private static Revealed revealedOf(Log log) {
        var e = FederatedTask.getUpdateRevealedEventFromLog(log);
        return new Revealed(e.participant.toLowerCase(), e.round.longValueExact(), e.numSamples.longValueExact(),
                e.stake, Cid.fromBytes(e.cid));
    }

    /** The votes cast in {@code round}. */
    public List<Vote> votes(long round) throws ChainException {
        return query("VoteCast", FederatedTask.VOTECAST_EVENT, 2, round, log -> {
            var e = FederatedTask.getVoteCastEventFromLog(log);
            return new Vote(e.voter.toLowerCase(), e.round.longValueExact(), e.outcomeId, e.ordinal.longValueExact());
        });
    }

    /** Every finalized round so far, in order. */
    public List<Finalized> finalized() throws ChainException {
        return query("RoundFinalized", FederatedTask.ROUNDFINALIZED_EVENT, 1, -1, TaskEvents::finalizedOf);
    }

    /** The finalization of {@code round}, or null if it has not finalized. */
    public Finalized finalized(long round) throws ChainException {
        List<Finalized> found = query("RoundFinalized", FederatedTask.ROUNDFINALIZED_EVENT, 1, round,
                TaskEvents::finalizedOf);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    /**
     * The latest global model as the logs have it: the aggregate of the last round finalized so
     * far, or {@code initialModel} (the task's, from its metadata) before any.
     */
    public Cid latestModel(Cid initialModel) throws ChainException {
        Objects.requireNonNull(initialModel, "initialModel == null");
        List<Finalized> all = finalized();
        return all.isEmpty() ? initialModel : all.get(all.size() - 1).aggregate();
    }

    /**
     * The CID of the global model the contract names ({@link TaskView#globalModel()}: a round
     * and a digest, not a CID): {@code initialModel} at round 0, else the aggregate that round
     * finalized; null when the logs do not have that round's finalization or it names another
     * file than the contract's digest.
     */
    public Cid modelOf(TaskView.GlobalModel model, Cid initialModel) throws ChainException {
        if (model.round() == 0) {
            return initialModel;
        }
        Finalized f = finalized(model.round());
        return f == null || !Arrays.equals(f.aggregate().digest(), model.digest()) ? null : f.aggregate();
    }

    private static Finalized finalizedOf(Log log) {
        var e = FederatedTask.getRoundFinalizedEventFromLog(log);
        return new Finalized(e.round.longValueExact(), Cid.fromBytes(e.aggregateCid), e.weightsRoot, e.totalWeight,
                e.reward);
    }

    /** Every slash so far. */
    public List<Slash> slashes() throws ChainException {
        return query("Slashed", FederatedTask.SLASHED_EVENT, 2, -1, log -> {
            var e = FederatedTask.getSlashedEventFromLog(log);
            return new Slash(e.offender.toLowerCase(), e.round.longValueExact(),
                    SlashKind.values()[e.kind.intValueExact()], e.amount, e.reporter.toLowerCase(), e.bounty);
        });
    }

    /** Every reward claimed so far, one entry per claimed round. */
    public List<Claim> claims() throws ChainException {
        List<List<Claim>> batches = query("RewardsClaimed", FederatedTask.REWARDSCLAIMED_EVENT, 2, -1, log -> {
            var e = FederatedTask.getRewardsClaimedEventFromLog(log);
            List<Claim> batch = new ArrayList<>();
            for (int i = 0; i < e.rounds.size(); i++) {
                batch.add(new Claim(e.participant.toLowerCase(), e.rounds.get(i).longValueExact(), e.amounts.get(i)));
            }
            return batch;
        });
        return batches.stream().flatMap(List::stream).toList();
    }

    /** Every join so far. */
    public List<Joined> joins() throws ChainException {
        return query("Joined", FederatedTask.JOINED_EVENT, 2, -1, log -> {
            var e = FederatedTask.getJoinedEventFromLog(log);
            return new Joined(e.participant.toLowerCase(), e.amount, e.firstRound.longValueExact());
        });
    }

    /** Where a log sits in the chain, to order events across transactions. */
    public record LogPosition(long block, long logIndex) implements Comparable<LogPosition> {
        static LogPosition of(Log log) {
            return new LogPosition(log.getBlockNumber().longValueExact(), log.getLogIndex().longValueExact());
        }

        @Override
        public int compareTo(LogPosition other) {
            return block != other.block ? Long.compare(block, other.block) : Long.compare(logIndex, other.logIndex);
        }
    }

    /** A transaction an account sent itself: the task's creation or a join, whose signature gives the account's key. */
    public record Signed(String account, String transactionHash, LogPosition position) {}

    /** A join with the transaction that made it and the first round the participant is active in. */
    public record JoinTransaction(Signed join, long firstRound) {}

    /** Every join so far with its transaction, in log order. */
    public List<JoinTransaction> joinTransactions() throws ChainException {
        return query("Joined", FederatedTask.JOINED_EVENT, 2, -1, log -> {
            var e = FederatedTask.getJoinedEventFromLog(log);
            return new JoinTransaction(new Signed(e.participant.toLowerCase(), log.getTransactionHash(),
                    LogPosition.of(log)), e.firstRound.longValueExact());
        });
    }

    /** The task's initialization: its creator and the creating transaction; null if not found from the start block. */
    public Signed initialized() throws ChainException {
        List<Signed> found = query("TaskInitialized", FederatedTask.TASKINITIALIZED_EVENT, 2, -1, log -> new Signed(
                FederatedTask.getTaskInitializedEventFromLog(log).creator.toLowerCase(), log.getTransactionHash(),
                LogPosition.of(log)));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Where {@code round}'s {@code phase} opened (its {@code PhaseAdvanced} log), or null if it has not. */
    public LogPosition phaseOpened(long round, TaskPhase phase) throws ChainException {
        List<LogPosition> found = query("PhaseAdvanced", FederatedTask.PHASEADVANCED_EVENT, 1, round, log ->
                TaskPhase.of(FederatedTask.getPhaseAdvancedEventFromLog(log).phase) == phase ? LogPosition.of(log)
                        : null);
        return found.stream().filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** A transaction that moved {@code round}: it emitted a commit, reveal, vote, phase change or round end of it. */
    public record RoundMove(long round, String transactionHash) {}

    /**
     * Every round move so far, one per log: a transaction that emitted several such logs (the
     * vote that finalizes round r also opens round r + 1) appears once for each.
     */
    public List<RoundMove> roundMoves() throws ChainException {
        List<RoundMove> out = new ArrayList<>();
        for (Event event : List.of(FederatedTask.UPDATECOMMITTED_EVENT, FederatedTask.UPDATEREVEALED_EVENT,
                FederatedTask.VOTECAST_EVENT)) {
            out.addAll(query(event.getName(), event, 2, -1, log -> roundMove(log, 2)));
        }
        for (Event event : List.of(FederatedTask.PHASEADVANCED_EVENT, FederatedTask.ROUNDFINALIZED_EVENT,
                FederatedTask.ROUNDFAILED_EVENT)) {
            out.addAll(query(event.getName(), event, 1, -1, log -> roundMove(log, 1)));
        }
        return out;
    }

    private static RoundMove roundMove(Log log, int roundTopic) {
        return new RoundMove(Numeric.toBigInt(log.getTopics().get(roundTopic)).longValueExact(),
                log.getTransactionHash());
    }

    /**
     * The task's logs of {@code event}; with {@code round >= 0}, only those whose indexed round
     * (topic {@code roundTopic}) equals it.
     */
    private <T> List<T> query(String name, Event event, int roundTopic, long round, Function<Log, T> decode)
            throws ChainException {
        String roundValue = round < 0 ? null : Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(round), 64);
        List<T> out = new ArrayList<>();
        for (Log log : logs.logs(EventEncoder.encode(event))) {
            if (round < 0 || (log.getTopics().size() > roundTopic
                    && log.getTopics().get(roundTopic).equalsIgnoreCase(roundValue))) {
                out.add(decode.apply(log));
            }
        }
        return out;
    }
}
