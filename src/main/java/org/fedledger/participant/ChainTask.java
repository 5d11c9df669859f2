package org.fedledger.participant;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SignerKeys;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.RewardClaim;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskEvents.Finalized;
import org.fedledger.chain.TaskEvents.Revealed;
import org.fedledger.chain.TaskEvents.Vote;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskRules;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.storage.Cid;

/**
 * The {@link TaskPort} on a real chain: one account's {@link TaskClient}, the task's
 * {@link TaskEvents} and the chain's clock ({@link ChainClock}). Pure delegation: the Web3j
 * work lives in {@code chain/}.
 */
final class ChainTask implements TaskPort {
    private final Chain chain;
    private final TaskClient client;
    private final TaskEvents events;
    private final ChainClock clock;
    private final String account;

    ChainTask(Chain chain, TaskClient client, TaskEvents events, Duration poll) {
        this.chain = Objects.requireNonNull(chain, "chain == null");
        this.client = Objects.requireNonNull(client, "client == null");
        this.events = Objects.requireNonNull(events, "events == null");
        this.clock = new ChainClock(chain, poll);
        this.account = client.account().toLowerCase();
    }

    @Override
    public String address() {
        return client.address();
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public TaskRules rules() throws ChainException {
        return client.rules();
    }

    @Override
    public TaskMetadata metadata() throws ChainException {
        return client.metadata();
    }

    @Override
    public RoundPosition position() throws ChainException {
        return client.position();
    }

    @Override
    public RoundPosition position(BigInteger seenBlock) throws ChainException {
        return client.position(seenBlock);
    }

    @Override
    public ParticipantInfo participantInfo(String participant) throws ChainException {
        return client.participantInfo(participant);
    }

    @Override
    public long participantCount() throws ChainException {
        return client.participantCount();
    }

    @Override
    public long participantCount(BigInteger seenBlock) throws ChainException {
        return client.participantCount(seenBlock);
    }

    @Override
    public List<String> participants() throws ChainException {
        return client.participants();
    }

    @Override
    public RoundRecord roundRecord(long round) throws ChainException {
        return client.roundRecord(round);
    }

    @Override
    public boolean slashable(String participant, SlashKind kind) throws ChainException {
        return client.slashable(participant, kind);
    }

    @Override
    public boolean isRejectionSlashed(String participant, long round) throws ChainException {
        return client.isRejectionSlashed(participant, round);
    }

    @Override
    public boolean isClaimed(String participant, long round) throws ChainException {
        return client.isClaimed(participant, round);
    }

    @Override
    public BigInteger rewardsOf(String account) throws ChainException {
        return client.rewardsOf(account);
    }

    @Override
    public List<Finalized> finalized() throws ChainException {
        return events.finalized();
    }

    @Override
    public List<Revealed> revealed(long round) throws ChainException {
        return events.revealed(round);
    }

    @Override
    public List<String> committers(long round) throws ChainException {
        return events.committers(round);
    }

    @Override
    public List<Vote> votes(long round) throws ChainException {
        return events.votes(round);
    }

    @Override
    public void join(BigInteger stake) throws ChainException {
        client.join(stake);
    }

    @Override
    public void commit(byte[] commitment) throws ChainException {
        client.commit(commitment);
    }

    @Override
    public void reveal(Cid update, long numSamples, byte[] salt) throws ChainException {
        client.reveal(update, numSamples, salt);
    }

    @Override
    public void vote(Cid aggregate, byte[] weightsRoot, BigInteger totalWeight) throws ChainException {
        client.vote(aggregate, weightsRoot, totalWeight);
    }

    @Override
    public void advance() throws ChainException {
        client.advance();
    }

    @Override
    public void requestLeave() throws ChainException {
        client.requestLeave();
    }

    @Override
    public void claim(List<RewardClaim> claims) throws ChainException {
        client.claim(claims);
    }

    @Override
    public void slash(String offender, SlashKind kind) throws ChainException {
        switch (kind) {
            case NO_REVEAL -> client.slashNoReveal(offender);
            case WRONG_VOTE -> client.slashWrongVote(offender);
            case MISSED_ROUNDS -> client.slashMissedRounds(offender);
            case REJECTED_UPDATE -> throw new IllegalArgumentException("a rejected update is reported with its proof");
        }
    }

    @Override
    public void slashRejectedUpdate(String offender, long round, BigInteger weight, List<byte[]> proof)
            throws ChainException {
        client.slashRejectedUpdate(offender, round, weight, proof);
    }

    @Override
    public boolean passed(long deadline) throws ChainException {
        return clock.passed(deadline);
    }

    @Override
    public void awaitChange(Moved moved, long deadline, Duration maxWait) throws ChainException, InterruptedException {
        clock.awaitChange(moved, deadline, maxWait);
    }

    @Override
    public Sealing sealing(ModelStore models, boolean encrypted, Cid initialModel) {
        return TaskSealing.of(encrypted, models, client, events, new SignerKeys(chain), initialModel);
    }
}
