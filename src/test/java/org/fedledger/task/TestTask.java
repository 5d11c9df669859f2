package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;
import org.fedledger.storage.Cid;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One task under test and the moves of its participants. Each participant's update in a round
 * (CID, sample count, salt) is derived from its address, the task and the round, so a test can
 * commit now and reveal later without keeping anything; the honest outcome of a round is the
 * weights tree of its revealers, each accepted with its sample count as weight.
 */
final class TestTask {
    private final TaskHarness harness;
    private final String address;
    private final TaskRules terms;
    private final TaskClient creator;
    private final Map<Integer, Participant> participants = new LinkedHashMap<>();

    TestTask(TaskHarness harness, String address, TaskRules terms) {
        this.harness = harness;
        this.address = address;
        this.terms = terms;
        this.creator = new TaskClient(harness.chain(), harness.creator(), address);
    }

    /** A participant's update for a round, as committed and revealed. */
    record Update(Cid cid, long samples, byte[] salt) {}

    String address() {
        return address;
    }

    TaskRules terms() {
        return terms;
    }

    /** The creator's handle (also used for anyone's calls: advance, views). */
    TaskClient creator() {
        return creator;
    }

    /**
     * The generated wrapper signing as the creator, for views and calls the adapter does not
     * cover: tests of the contract may touch it, main code outside {@code chain/} may not.
     */
    FederatedTask contract() {
        return contractAs(harness.creator());
    }

    /** The generated wrapper signing as {@code signer}. */
    FederatedTask contractAs(Credentials signer) {
        return FederatedTask.load(address, harness.chain().web3j(), harness.chain().transactionManager(signer),
                harness.chain().gasProvider());
    }

    // ----- membership -----

    /** Dev account {@code index}'s handle on this task (joined or not). */
    Participant participant(int index) {
        return participants.computeIfAbsent(index, i -> {
            var credentials = DevAccounts.account(i);
            return new Participant(i, credentials, new TaskClient(harness.chain(), credentials, address));
        });
    }

    /** The default stake: twice the minimum. */
    BigInteger defaultStake() {
        return terms.minStake().shiftLeft(1);
    }

    /** Funds dev account {@code index} with {@code stake} and joins with it. */
    Participant join(int index, BigInteger stake) throws ChainException {
        Participant p = participant(index);
        harness.fund(p.address(), stake);
        p.client().join(stake);
        return p;
    }

    Participant join(int index) throws ChainException {
        return join(index, defaultStake());
    }

    /** Dev accounts 1..count join with the default stake. */
    List<Participant> joinAll(int count) throws ChainException {
        List<Participant> joined = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            joined.add(join(i));
        }
        return joined;
    }

    // ----- time and phases -----

    RoundPosition position() throws ChainException {
        return creator.position();
    }

    long round() throws ChainException {
        return position().round();
    }

    TaskPhase phase() throws ChainException {
        return position().phase();
    }

    /** Moves the chain's clock to the current phase's deadline, from which only advance() is accepted. */
    void expire() throws Exception {
        harness.jumpTo(position().deadline());
    }

    /** Expires the current phase and advances it. */
    TransactionReceipt expireAndAdvance() throws Exception {
        expire();
        return creator.advance();
    }

    /** Ends registration and starts round 1. */
    void start() throws Exception {
        assertThat(phase()).isEqualTo(TaskPhase.REGISTRATION);
        expireAndAdvance();
        assertThat(position()).extracting(RoundPosition::round, RoundPosition::phase)
                .containsExactly(1L, TaskPhase.COMMIT);
    }

    // ----- commit and reveal -----

    /** {@code p}'s update in {@code round}: deterministic, with 100..499 samples varying by participant and round. */
    Update update(Participant p, long round) {
        String seed = p.address() + "/" + address + "/" + round;
        long samples = 100 + Math.floorMod((long) p.index() * 37 + round * 11, 400);
        return new Update(Cid.of(Cid.RAW, sha256("update " + seed)), samples, Hash.sha3(("salt " + seed).getBytes(StandardCharsets.UTF_8)));
    }

    Update update(Participant p) throws ChainException {
        return update(p, round());
    }

    byte[] commitment(Participant p, Update u, long round) {
        return TaskClient.commitment(u.cid().digest(), u.samples(), u.salt(), p.address(), address, round);
    }

    TransactionReceipt commit(Participant p) throws ChainException {
        long round = round();
        return p.client().commit(commitment(p, update(p, round), round));
    }

    TransactionReceipt commit(Participant p, Update u) throws ChainException {
        return p.client().commit(commitment(p, u, round()));
    }

    TransactionReceipt reveal(Participant p) throws ChainException {
        Update u = update(p);
        return p.client().reveal(u.cid(), u.samples(), u.salt());
    }

    void commitAll(Collection<Participant> ps) throws ChainException {
        for (Participant p : ps) {
            commit(p);
        }
    }

    void revealAll(Collection<Participant> ps) throws ChainException {
        for (Participant p : ps) {
            reveal(p);
        }
    }

    // ----- outcomes and votes -----

    /** Accepted with its sample count as weight (what an honest FedAvg-like rule would give). */
    Contribution accepted(Participant p) throws ChainException {
        return new Contribution(p.address(), true, update(p).samples());
    }

    /** Rejected as invalid: weight 0. */
    static Contribution rejected(Participant p) {
        return new Contribution(p.address(), false, 0);
    }

    /** The honest outcome of the current round with these revealers, all accepted. */
    Outcome honestOutcome(Collection<Participant> revealers) throws ChainException {
        List<Contribution> leaves = new ArrayList<>();
        for (Participant p : revealers) {
            leaves.add(accepted(p));
        }
        return outcome(leaves);
    }

    /** An outcome of the current round with these leaves. */
    Outcome outcome(List<Contribution> leaves) throws ChainException {
        WeightsTree tree = new WeightsTree(leaves);
        long round = round();
        byte[] aggregate = sha256("aggregate " + address + "/" + round + "/" + new BigInteger(1, tree.root()));
        return new Outcome(round, Cid.of(Cid.RAW, aggregate), tree);
    }

    /** A dissenting outcome: a junk tree and aggregate, different for each {@code tag}. */
    Outcome junkOutcome(String tag) throws ChainException {
        String junk = "0x" + "00".repeat(19) + String.format("%02x", Math.floorMod(tag.hashCode(), 255) + 1);
        return outcome(List.of(new Contribution(junk, true, 1 + Math.floorMod(tag.hashCode(), 1000))));
    }

    TransactionReceipt vote(Participant p, Outcome o) throws ChainException {
        return p.client().vote(o.aggregate(), o.root(), o.totalWeight());
    }

    /**
     * Plays the current round honestly with {@code players} (who must be active): all commit, all
     * reveal, then they vote for the honest outcome until it finalizes. Phases that others would
     * have to end are expired and advanced. Returns the finalized outcome.
     */
    Outcome playFinalizedRound(List<Participant> players) throws Exception {
        long round = round();
        commitAll(players);
        if (phase() == TaskPhase.COMMIT) {
            expireAndAdvance();
        }
        revealAll(players);
        if (phase() == TaskPhase.REVEAL) {
            expireAndAdvance();
        }
        Outcome outcome = honestOutcome(players);
        for (Participant p : players) {
            if (round() != round || phase() != TaskPhase.VOTE) {
                break;
            }
            vote(p, outcome);
        }
        assertThat(status(round)).as("round %d", round).isEqualTo(RoundStatus.FINALIZED);
        return outcome;
    }

    /** Claims through the raw ABI (flattened proofs), so malformed claims can be sent. */
    TransactionReceipt claimRaw(Participant p, List<Long> rounds, List<BigInteger> weights, List<Long> proofLengths,
                                List<byte[]> proofNodes) throws Exception {
        return contractAs(p.credentials()).claim(rounds.stream().map(BigInteger::valueOf).toList(), weights,
                proofLengths.stream().map(BigInteger::valueOf).toList(), proofNodes).send();
    }

    // ----- views -----

    FederatedTask.RoundState roundState() throws Exception {
        return contract().roundState().send();
    }

    FederatedTask.RoundRecord record(long round) throws Exception {
        return contract().roundRecord(BigInteger.valueOf(round)).send();
    }

    RoundStatus status(long round) throws Exception {
        return RoundStatus.of(record(round).status);
    }

    FederatedTask.Accounting accounting() throws Exception {
        return contract().accounting().send();
    }

    FederatedTask.ParticipantInfo info(Participant p) throws Exception {
        return contract().participantInfo(p.address()).send();
    }

    BigInteger stakeOf(Participant p) throws ChainException {
        return creator.stakeOf(p.address());
    }

    BigInteger rewardsOf(String account) throws ChainException {
        return creator.rewardsOf(account);
    }

    boolean slashable(Participant p, SlashKind kind) throws Exception {
        return contract().slashable(p.address(), kind.abi()).send();
    }

    /** Asserts the conservation law with the contract's books and an independent balance read. */
    void assertConserved() throws Exception {
        FederatedTask.Accounting a = accounting();
        BigInteger balance = harness.balanceOf(address);
        assertThat(a.balance).as("accounting().balance vs token.balanceOf(task)").isEqualTo(balance);
        assertThat(a.totalStaked.add(a.allocatedRewards).add(a.creditedRewards).add(a.pool))
                .as("totalStaked + allocated + credited + pool").isEqualTo(balance);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
