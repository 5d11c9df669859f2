package org.fedledger.participant;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RewardLedger;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.RewardClaim;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskEvents.Finalized;
import org.fedledger.chain.TaskEvents.Revealed;
import org.fedledger.chain.TaskEvents.Vote;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskRules;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.storage.Cid;

/**
 * The task as one participant sees it: the views, the history, the actions it signs and the
 * chain's clock, and nothing else. The round loop and its phases talk to the task only through
 * this port, so they can be driven by an in-memory task in unit tests; {@link ChainTask} is the
 * port on a real chain (through {@code chain/}'s Web3j adapters), {@link TimedPort} the same port
 * timed for benchmarks. Views return the state at the latest block; actions return once their
 * transaction is mined, or throw {@link org.fedledger.chain.ContractRevertException} naming the
 * contract's error.
 */
public interface TaskPort extends RewardLedger {
    /** The task contract's address. */
    String address();

    /** The signing participant's address, lower-case. */
    String account();

    // ----- views -----

    TaskRules rules() throws ChainException;

    TaskMetadata metadata() throws ChainException;

    RoundPosition position() throws ChainException;

    /**
     * The position as of block {@code seenBlock} or later: a read that participants sharing a
     * connection may share (one read per block however many wait on it).
     */
    RoundPosition position(BigInteger seenBlock) throws ChainException;

    ParticipantInfo participantInfo(String participant) throws ChainException;

    long participantCount() throws ChainException;

    /** {@link #participantCount()} as of block {@code seenBlock} or later, shared like {@link #position(BigInteger)}. */
    long participantCount(BigInteger seenBlock) throws ChainException;

    /** Every participant that ever joined, in join order, lower-case. */
    List<String> participants() throws ChainException;

    boolean slashable(String participant, SlashKind kind) throws ChainException;

    boolean isRejectionSlashed(String participant, long round) throws ChainException;

    // ----- history (event logs) -----

    /** Every finalized round so far, in order. */
    List<Finalized> finalized() throws ChainException;

    /** The updates revealed in {@code round}, in log order. */
    List<Revealed> revealed(long round) throws ChainException;

    /** The participants that committed in {@code round}. */
    List<String> committers(long round) throws ChainException;

    /** The votes cast in {@code round}. */
    List<Vote> votes(long round) throws ChainException;

    // ----- actions, signed by this participant -----

    /** Approves the stake and joins with it. */
    void join(BigInteger stake) throws ChainException;

    void commit(byte[] commitment) throws ChainException;

    void reveal(Cid update, long numSamples, byte[] salt) throws ChainException;

    void vote(Cid aggregate, byte[] weightsRoot, BigInteger totalWeight) throws ChainException;

    /** Moves a phase whose deadline passed (or that every active participant acted in). */
    void advance() throws ChainException;

    void requestLeave() throws ChainException;

    /** Claims several rounds' rewards in one transaction. */
    void claim(List<RewardClaim> claims) throws ChainException;

    /** Reports {@code offender}'s fault of {@code kind} (not {@link SlashKind#REJECTED_UPDATE}, which needs a proof). */
    void slash(String offender, SlashKind kind) throws ChainException;

    void slashRejectedUpdate(String offender, long round, BigInteger weight, List<byte[]> proof) throws ChainException;

    // ----- the chain's clock -----

    /** Whether {@code deadline} (unix seconds) has passed by the chain's clock. */
    boolean passed(long deadline) throws ChainException;

    /**
     * Waits until {@code moved} holds (null: until any new block) or, if {@code deadline > 0},
     * the deadline passes by the chain's clock; returns after {@code maxWait} in any case.
     */
    void awaitChange(Moved moved, long deadline, Duration maxWait) throws ChainException, InterruptedException;

    /**
     * Whether the task has moved on from what a waiting participant last acted on, as read at a
     * block it has seen (or later, and possibly from a shared read made before the participant's
     * own last read: so only a move forward may count).
     */
    interface Moved {
        boolean since(BigInteger block) throws ChainException;
    }

    // ----- files -----

    /**
     * The views of {@code models} this task's weight files go through: the plain store, or for a
     * task with encrypted files, views that seal for and open with the task's members' keys (the
     * task's {@code initialModel} alone is plaintext).
     */
    Sealing sealing(ModelStore models, boolean encrypted, Cid initialModel) throws ChainException;
}
