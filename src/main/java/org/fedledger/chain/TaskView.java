package org.fedledger.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fedledger.contracts.generated.FederatedTask;
import org.web3j.tuples.generated.Tuple3;

/**
 * A read-only handle on one task: its rules, metadata, round position, members, rewards and
 * round records, read through the contract's views. Holds no key, so anyone (a report, the
 * dashboard, {@code fl status}) can read a task; the signing {@link TaskClient} adds the
 * actions. Part of the thin adapter over the generated {@code FederatedTask} wrapper.
 *
 * <p>Sealed rather than final so that a {@link TaskClient} is also a view of its task.
 */
public sealed class TaskView implements RewardLedger permits TaskClient {
    final Chain chain;
    final FederatedTask task;

    /** A view of the task at {@code taskAddress}, calling its views from no account. */
    public TaskView(Chain chain, String taskAddress) {
        this(chain, taskAddress, new ViewCalls(Objects.requireNonNull(chain, "chain == null").web3j()));
    }

    TaskView(Chain chain, String taskAddress, org.web3j.tx.TransactionManager calls) {
        this.chain = Objects.requireNonNull(chain, "chain == null");
        Objects.requireNonNull(taskAddress, "taskAddress == null");
        this.task = FederatedTask.load(taskAddress, chain.web3j(), calls, chain.gasProvider());
    }

    /**
     * A view of the task at {@code address}, once it is known that a FedLedger task lives there:
     * a contract whose {@code rules()} and {@code metadata()} views answer.
     *
     * @throws NotATaskException if there is no contract there, or one that is not a task
     * @throws ChainException if the node fails
     */
    public static TaskView open(Chain chain, String address) throws ChainException {
        return checked(chain, address, new TaskView(chain, address));
    }

    /** {@code view} once its {@code rules()} and {@code metadata()} answered; see {@link #open}. */
    static <V extends TaskView> V checked(Chain chain, String address, V view) throws ChainException {
        if (!chain.hasCode(address)) {
            throw new NotATaskException(address, false, null);
        }
        try {
            view.rules();
            view.metadata();
        } catch (ContractRevertException e) {
            throw new NotATaskException(address, true, e);
        } catch (ChainException e) {
            if (causedByIo(e)) {
                throw e;
            }
            throw new NotATaskException(address, true, e); // answers that do not decode as a task's
        }
        return view;
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    public String address() {
        return task.getContractAddress();
    }

    /** The current round (1-based; 0 during registration), its phase and the phase's deadline (unix seconds). */
    public RoundPosition position() throws ChainException {
        Tuple3<BigInteger, BigInteger, BigInteger> t = TaskContracts.call("currentRound", () -> task.currentRound().send());
        return new RoundPosition(t.component1().longValueExact(), TaskPhase.of(t.component2()),
                t.component3().longValueExact());
    }

    /**
     * The task's position as of block {@code seenBlock} or later, read once per block for every
     * reader of this task on the same connection ({@link Chain#readAtLeastAt}).
     */
    public RoundPosition position(BigInteger seenBlock) throws ChainException {
        return chain.readAtLeastAt("position " + address().toLowerCase(), seenBlock, this::position);
    }

    /** How many have joined, as of block {@code seenBlock} or later, shared like {@link #position(BigInteger)}. */
    public long participantCount(BigInteger seenBlock) throws ChainException {
        return chain.readAtLeastAt("participantCount " + address().toLowerCase(), seenBlock, this::participantCount);
    }

    public BigInteger stakeOf(String participant) throws ChainException {
        return TaskContracts.call("stakeOf", () -> task.stakeOf(participant).send());
    }

    @Override
    public BigInteger rewardsOf(String account) throws ChainException {
        return TaskContracts.call("rewardsOf", () -> task.rewardsOf(account).send());
    }

    public BigInteger claimable(long round, BigInteger weight) throws ChainException {
        return TaskContracts.call("claimable", () -> task.claimable(BigInteger.valueOf(round), weight).send());
    }

    /** The task's rules, fixed at creation. */
    public TaskRules rules() throws ChainException {
        return Wrappers.terms(TaskContracts.call("rules", () -> task.rules().send()));
    }

    /** The task's model spec, initial model, validation set and aggregation parameters. */
    public TaskMetadata metadata() throws ChainException {
        return Wrappers.content(TaskContracts.call("metadata", () -> task.metadata().send()));
    }

    /** What the task records about {@code participant} (status NONE if it never joined). */
    public ParticipantInfo participantInfo(String participant) throws ChainException {
        FederatedTask.ParticipantInfo i = TaskContracts.call("participantInfo",
                () -> task.participantInfo(participant).send());
        return new ParticipantInfo(ParticipantInfo.Status.values()[i.status.intValueExact()], i.stake, i.rewards,
                i.joinRound.longValueExact(), i.exitRound.longValueExact(), i.commitRound.longValueExact(),
                i.revealRound.longValueExact(), i.voteRound.longValueExact(), i.unlockTime.longValueExact());
    }

    /** How {@code round} ended (status NONE while it runs). */
    @Override
    public RoundRecord roundRecord(long round) throws ChainException {
        FederatedTask.RoundRecord r = TaskContracts.call("roundRecord",
                () -> task.roundRecord(BigInteger.valueOf(round)).send());
        return new RoundRecord(RoundRecord.Status.values()[r.status.intValueExact()], r.weightsRoot, r.reward,
                r.totalWeight, r.endedAt.longValueExact(), r.winningOrdinal.longValueExact());
    }

    /** The latest finalized round (0: none yet, the initial model) and its aggregate's sha2-256 digest. */
    public record GlobalModel(long round, byte[] digest) {}

    public GlobalModel globalModel() throws ChainException {
        var g = TaskContracts.call("globalModel", () -> task.globalModel().send());
        return new GlobalModel(g.component1().longValueExact(), g.component2());
    }

    /** The number of participants that ever joined. */
    public long participantCount() throws ChainException {
        return TaskContracts.call("participantCount", () -> task.participantCount().send()).longValueExact();
    }

    /** Every participant that ever joined, in join order (read a page of 500 at a time). */
    public List<String> participants() throws ChainException {
        List<String> all = new ArrayList<>();
        final int page = 500;
        while (true) {
            int offset = all.size();
            List<?> got = TaskContracts.call("participants",
                    () -> task.participants(BigInteger.valueOf(offset), BigInteger.valueOf(page)).send());
            for (Object o : got) {
                all.add(o.toString().toLowerCase());
            }
            if (got.size() < page) {
                return all;
            }
        }
    }

    /** Whether a report of {@code kind} against {@code participant} would succeed now (false for REJECTED_UPDATE). */
    public boolean slashable(String participant, SlashKind kind) throws ChainException {
        return TaskContracts.call("slashable",
                () -> task.slashable(participant, BigInteger.valueOf(kind.ordinal())).send());
    }

    public boolean isRejectionSlashed(String participant, long round) throws ChainException {
        return TaskContracts.call("isRejectionSlashed",
                () -> task.isRejectionSlashed(participant, BigInteger.valueOf(round)).send());
    }

    @Override
    public boolean isClaimed(String participant, long round) throws ChainException {
        return TaskContracts.call("isClaimed", () -> task.isClaimed(participant, BigInteger.valueOf(round)).send());
    }
}
