package org.fedledger.participant;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.RewardClaim;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskEvents.Finalized;
import org.fedledger.chain.TaskEvents.Revealed;
import org.fedledger.chain.TaskEvents.Vote;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskRules;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.Intercepts.Call;
import org.fedledger.storage.Cid;

/** One account's {@link TaskPort} onto an {@link InMemoryTask}, its calls passing through the test's {@link Intercepts}. */
final class InMemoryPort implements TaskPort {
    private final InMemoryTask task;
    private final String account;
    private final Intercepts intercepts;

    InMemoryPort(InMemoryTask task, String account, Intercepts intercepts) {
        this.task = task;
        this.account = account;
        this.intercepts = intercepts;
    }

    private interface Body<T> {
        T run() throws ChainException;
    }

    private <T> T call(Call call, Body<T> body) throws ChainException {
        intercepts.enter(account, call);
        T result = body.run();
        intercepts.leave(account, call);
        return result;
    }

    private void act(Call call, Runnable action) throws ChainException {
        call(call, () -> {
            action.run();
            return null;
        });
    }

    @Override
    public String address() {
        return InMemoryTask.ADDRESS;
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public TaskRules rules() {
        return task.rules();
    }

    @Override
    public TaskMetadata metadata() {
        return task.metadata();
    }

    @Override
    public RoundPosition position() throws ChainException {
        return call(Call.POSITION, task::position);
    }

    @Override
    public RoundPosition position(BigInteger seenBlock) {
        return task.position();
    }

    @Override
    public ParticipantInfo participantInfo(String participant) throws ChainException {
        return call(Call.PARTICIPANT_INFO, () -> task.participantInfo(participant));
    }

    @Override
    public long participantCount() {
        return task.participantCount();
    }

    @Override
    public long participantCount(BigInteger seenBlock) {
        return task.participantCount();
    }

    @Override
    public List<String> participants() {
        return task.participants();
    }

    @Override
    public RoundRecord roundRecord(long round) {
        return task.roundRecord(round);
    }

    @Override
    public boolean slashable(String participant, SlashKind kind) {
        return task.slashable(participant, kind);
    }

    @Override
    public boolean isRejectionSlashed(String participant, long round) {
        return task.isRejectionSlashed(participant, round);
    }

    @Override
    public boolean isClaimed(String participant, long round) {
        return task.isClaimed(participant, round);
    }

    @Override
    public BigInteger rewardsOf(String account) {
        return task.rewardsOf(account);
    }

    @Override
    public List<Finalized> finalized() {
        return task.finalized();
    }

    @Override
    public List<Revealed> revealed(long round) throws ChainException {
        return call(Call.REVEALED, () -> task.revealed(round));
    }

    @Override
    public List<String> committers(long round) {
        return task.committers(round);
    }

    @Override
    public List<Vote> votes(long round) {
        return task.votes(round);
    }

    @Override
    public void join(BigInteger stake) throws ChainException {
        act(Call.JOIN, () -> task.join(account, stake));
    }

    @Override
    public void commit(byte[] commitment) throws ChainException {
        act(Call.COMMIT, () -> task.commit(account, commitment));
    }

    @Override
    public void reveal(Cid update, long numSamples, byte[] salt) throws ChainException {
        act(Call.REVEAL, () -> task.reveal(account, update, numSamples, salt));
    }

    @Override
    public void vote(Cid aggregate, byte[] weightsRoot, BigInteger totalWeight) throws ChainException {
        act(Call.VOTE, () -> task.vote(account, aggregate, weightsRoot, totalWeight));
    }

    @Override
    public void advance() throws ChainException {
        act(Call.ADVANCE, () -> task.advance(account));
    }

    @Override
    public void requestLeave() throws ChainException {
        act(Call.REQUEST_LEAVE, () -> task.requestLeave(account));
    }

    @Override
    public void claim(List<RewardClaim> claims) throws ChainException {
        act(Call.CLAIM, () -> task.claim(account, claims));
    }

    @Override
    public void slash(String offender, SlashKind kind) throws ChainException {
        act(Call.SLASH, () -> task.slash(account, offender, kind));
    }

    @Override
    public void slashRejectedUpdate(String offender, long round, BigInteger weight, List<byte[]> proof)
            throws ChainException {
        act(Call.SLASH, () -> task.slashRejectedUpdate(account, offender, round, weight, proof));
    }

    @Override
    public boolean passed(long deadline) {
        return task.passed(deadline);
    }

    @Override
    public void awaitChange(Moved moved, long deadline, Duration maxWait) throws ChainException, InterruptedException {
        intercepts.enter(account, Call.AWAIT_CHANGE);
        task.awaitChange(moved, deadline, maxWait);
    }

    @Override
    public Sealing sealing(ModelStore models, boolean encrypted, Cid initialModel) throws ChainException {
        if (encrypted) {
            throw new ChainException("the in-memory task has no members' keys: encrypted files are not supported");
        }
        return Sealing.plain(models);
    }
}
