package org.fedledger.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fedledger.contracts.generated.FedToken;
import org.fedledger.storage.Cid;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * One account's handle on one task: the participant's actions (join, commit, reveal, vote,
 * claim, withdraw, report) and anyone's {@code advance}, on top of the views every
 * {@link TaskView} has. Every action returns its receipt (gas included); a revert surfaces as a
 * {@link ContractRevertException} naming the contract's error. Reading alone needs no key: use
 * a {@link TaskView}. The thin adapter over the generated {@code FederatedTask} wrapper.
 */
public final class TaskClient extends TaskView {
    private final Credentials signer;

    public TaskClient(Chain chain, Credentials signer, String taskAddress) {
        super(chain, taskAddress, Objects.requireNonNull(chain, "chain == null")
                .transactionManager(Objects.requireNonNull(signer, "signer == null")));
        this.signer = signer;
    }

    /**
     * A client of the task at {@code address}, once it is known that a FedLedger task lives there
     * ({@link TaskView#open}).
     *
     * @throws NotATaskException if there is no contract there, or one that is not a task
     * @throws ChainException if the node fails
     */
    public static TaskClient open(Chain chain, Credentials signer, String address) throws ChainException {
        return checked(chain, address, new TaskClient(chain, signer, address));
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
