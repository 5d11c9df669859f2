package org.fedledger.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fedledger.contracts.generated.FedToken;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.storage.Cid;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.utils.Numeric;

/**
 * One account's handle on one task: the participant's actions (join, commit, reveal, vote,
 * claim, withdraw, report), anyone's {@code advance}, and the views a client needs. Every
 * action returns its receipt (gas included); a revert surfaces as a
 * {@link ContractRevertException} naming the contract's error. The thin adapter over the
 * generated {@code FederatedTask} wrapper.
 */
public final class TaskClient {
    private final Chain chain;
    private final Credentials signer;
    private final FederatedTask task;

    public TaskClient(Chain chain, Credentials signer, String taskAddress) {
        this.chain = Objects.requireNonNull(chain, "chain == null");
        this.signer = Objects.requireNonNull(signer, "signer == null");
        this.task = FederatedTask.load(taskAddress, chain.web3j(), chain.transactionManager(signer), chain.gasProvider());
    }

    /**
     * A client of the task at {@code address}, once it is known that a FedLedger task lives there:
     * a contract whose {@code rules()} and {@code metadata()} views answer.
     *
     * @throws NotATaskException if there is no contract there, or one that is not a task
     * @throws ChainException if the node fails
     */
    public static TaskClient open(Chain chain, Credentials signer, String address) throws ChainException {
        if (!chain.hasCode(address)) {
            throw new NotATaskException(address, false, null);
        }
        TaskClient client = new TaskClient(chain, signer, address);
        try {
            client.rules();
            client.metadata();
        } catch (ContractRevertException e) {
            throw new NotATaskException(address, true, e);
        } catch (ChainException e) {
            if (causedByIo(e)) {
                throw e;
            }
            throw new NotATaskException(address, true, e); // answers that do not decode as a task's
        }
        return client;
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

    /** The signing account's address. */
    public String account() {
        return signer.getAddress();
    }

    /**
     * The signing account's key pair: in a task with encrypted files, the key that unwraps the
     * file keys wrapped for this account (its public half is what others recover from its join).
     */
    public org.web3j.crypto.ECKeyPair keyPair() {
        return signer.getEcKeyPair();
    }

    /** The current round (1-based; 0 during registration), its phase and the phase's deadline (unix seconds). */
    public record RoundPosition(long round, TaskPhase phase, long deadline) {}

    /** One round's reward claim: the weight proven by {@code proof} against the round's weights root. */
    public record RewardClaim(long round, BigInteger weight, List<byte[]> proof) {
        public RewardClaim {
            proof = List.copyOf(proof);
        }
    }

    // ----- actions -----

    /** Approves the task for {@code stake} of its token and joins with it; returns the join receipt. */
    public TransactionReceipt join(BigInteger stake) throws ChainException {
        approve(stake);
        return TaskContracts.call("join", () -> task.join(stake).send());
    }

    /** Approves the task for {@code amount} more and adds it to the stake. */
    public TransactionReceipt topUp(BigInteger amount) throws ChainException {
        approve(amount);
        return TaskContracts.call("topUp", () -> task.topUp(amount).send());
    }

    private void approve(BigInteger amount) throws ChainException {
        String token = TaskContracts.call("read the stake token", () -> task.rules().send().token);
        TaskContracts.call("approve", () -> FedToken.load(token, chain.web3j(), chain.transactionManager(signer),
                chain.gasProvider()).approve(address(), amount).send());
    }

    public TransactionReceipt requestLeave() throws ChainException {
        return TaskContracts.call("requestLeave", () -> task.requestLeave().send());
    }

    public TransactionReceipt withdrawStake() throws ChainException {
        return TaskContracts.call("withdrawStake", () -> task.withdrawStake().send());
    }

    public TransactionReceipt commit(byte[] commitment) throws ChainException {
        return TaskContracts.call("commit", () -> task.commit(commitment).send());
    }

    public TransactionReceipt reveal(Cid update, long numSamples, byte[] salt) throws ChainException {
        return TaskContracts.call("reveal", () -> task.reveal(update.bytes(), BigInteger.valueOf(numSamples), salt).send());
    }

    public TransactionReceipt vote(Cid aggregate, byte[] weightsRoot, BigInteger totalWeight) throws ChainException {
        return TaskContracts.call("vote", () -> task.vote(aggregate.bytes(), weightsRoot, totalWeight).send());
    }

    /** Moves a phase whose deadline passed (anyone may). */
    public TransactionReceipt advance() throws ChainException {
        return TaskContracts.call("advance", () -> task.advance().send());
    }

    /** Claims the rewards of several rounds in one transaction; they are credited to {@link #rewardsOf}. */
    public TransactionReceipt claim(List<RewardClaim> claims) throws ChainException {
        List<BigInteger> rounds = new ArrayList<>();
        List<BigInteger> weights = new ArrayList<>();
        List<BigInteger> lengths = new ArrayList<>();
        List<byte[]> nodes = new ArrayList<>();
        for (RewardClaim c : claims) {
            rounds.add(BigInteger.valueOf(c.round()));
            weights.add(c.weight());
            lengths.add(BigInteger.valueOf(c.proof().size()));
            nodes.addAll(c.proof());
        }
        return TaskContracts.call("claim", () -> task.claim(rounds, weights, lengths, nodes).send());
    }

    /** Transfers the credited rewards to the signer (pull payment). */
    public TransactionReceipt withdrawRewards() throws ChainException {
        return TaskContracts.call("withdrawRewards", () -> task.withdrawRewards().send());
    }

    public TransactionReceipt slashNoReveal(String participant) throws ChainException {
        return TaskContracts.call("slashNoReveal", () -> task.slashNoReveal(participant).send());
    }

    public TransactionReceipt slashWrongVote(String participant) throws ChainException {
        return TaskContracts.call("slashWrongVote", () -> task.slashWrongVote(participant).send());
    }

    public TransactionReceipt slashMissedRounds(String participant) throws ChainException {
        return TaskContracts.call("slashMissedRounds", () -> task.slashMissedRounds(participant).send());
    }

    public TransactionReceipt slashRejectedUpdate(String participant, long round, BigInteger weight, List<byte[]> proof)
            throws ChainException {
        return TaskContracts.call("slashRejectedUpdate",
                () -> task.slashRejectedUpdate(participant, BigInteger.valueOf(round), weight, proof).send());
    }

    // ----- views -----

    public RoundPosition position() throws ChainException {
        Tuple3<BigInteger, BigInteger, BigInteger> t = TaskContracts.call("currentRound", () -> task.currentRound().send());
        return new RoundPosition(t.component1().longValueExact(), TaskPhase.of(t.component2()),
                t.component3().longValueExact());
    }

    /**
     * The task's position as of block {@code seenBlock} or later, read once per block for every
     * participant of this task on the same connection ({@link Chain#readAtLeastAt}).
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

    public boolean isClaimed(String participant, long round) throws ChainException {
        return TaskContracts.call("isClaimed", () -> task.isClaimed(participant, BigInteger.valueOf(round)).send());
    }

    /** The generated wrapper, for views this adapter does not cover yet (tests, dashboards). */
    public FederatedTask contract() {
        return task;
    }

    /**
     * The commitment {@code commit} expects: {@code keccak256(abi.encode(digest, numSamples, salt,
     * participant, task, round))}, computed locally (the contract's {@code commitmentFor} agrees).
     */
    public static byte[] commitment(byte[] digest, long numSamples, byte[] salt, String participant, String task,
                                    long round) {
        if (digest.length != 32 || salt.length != 32) {
            throw new IllegalArgumentException("digest and salt must be 32 bytes");
        }
        byte[] encoded = new byte[6 * 32];
        System.arraycopy(digest, 0, encoded, 0, 32);
        word(encoded, 1, BigInteger.valueOf(numSamples).toByteArray());
        System.arraycopy(salt, 0, encoded, 64, 32);
        word(encoded, 3, Numeric.hexStringToByteArray(participant));
        word(encoded, 4, Numeric.hexStringToByteArray(task));
        word(encoded, 5, BigInteger.valueOf(round).toByteArray());
        return Hash.sha3(encoded);
    }

    private static void word(byte[] out, int index, byte[] value) {
        int skip = value.length > 32 ? value.length - 32 : 0;
        int len = value.length - skip;
        System.arraycopy(value, skip, out, index * 32 + 32 - len, len);
    }
}
