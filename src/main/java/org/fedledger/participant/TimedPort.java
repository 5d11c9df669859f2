package org.fedledger.participant;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskClient.RewardClaim;
import org.fedledger.chain.TaskClient.RoundPosition;
import org.fedledger.chain.TaskEvents.Finalized;
import org.fedledger.chain.TaskEvents.Revealed;
import org.fedledger.chain.TaskEvents.Vote;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskRules;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.storage.Cid;

/**
 * A {@link TaskPort} that tells its participant's {@link Timing} where the time went: reads to
 * {@link Work#CHAIN_READS}, actions to {@link Work#TRANSACTIONS}, waiting for the chain to
 * {@link Work#WAITING}. Benchmarks read the breakdown from the listener; the phases stay free of
 * timing calls.
 */
final class TimedPort implements TaskPort {
    private final TaskPort port;
    private final Timing timing;

    TimedPort(TaskPort port, Timing timing) {
        this.port = Objects.requireNonNull(port, "port == null");
        this.timing = Objects.requireNonNull(timing, "timing == null");
    }

    @Override
    public String address() {
        return port.address();
    }

    @Override
    public String account() {
        return port.account();
    }

    @Override
    public TaskRules rules() throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.rules();
        }
    }

    @Override
    public TaskMetadata metadata() throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.metadata();
        }
    }

    @Override
    public RoundPosition position() throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.position();
        }
    }

    @Override
    public RoundPosition position(BigInteger seenBlock) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.position(seenBlock);
        }
    }

    @Override
    public ParticipantInfo participantInfo(String participant) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.participantInfo(participant);
        }
    }

    @Override
    public long participantCount() throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.participantCount();
        }
    }

    @Override
    public long participantCount(BigInteger seenBlock) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.participantCount(seenBlock);
        }
    }

    @Override
    public List<String> participants() throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.participants();
        }
    }

    @Override
    public RoundRecord roundRecord(long round) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.roundRecord(round);
        }
    }

    @Override
    public boolean slashable(String participant, SlashKind kind) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.slashable(participant, kind);
        }
    }

    @Override
    public boolean isRejectionSlashed(String participant, long round) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.isRejectionSlashed(participant, round);
        }
    }

    @Override
    public boolean isClaimed(String participant, long round) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.isClaimed(participant, round);
        }
    }

    @Override
    public BigInteger rewardsOf(String account) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.rewardsOf(account);
        }
    }

    @Override
    public List<Finalized> finalized() throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.finalized();
        }
    }

    @Override
    public List<Revealed> revealed(long round) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.revealed(round);
        }
    }

    @Override
    public List<String> committers(long round) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.committers(round);
        }
    }

    @Override
    public List<Vote> votes(long round) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.votes(round);
        }
    }

    @Override
    public void join(BigInteger stake) throws ChainException {
        try (Timing.Span s = timing.span(Work.TRANSACTIONS)) {
            port.join(stake);
        }
    }

    @Override
    public void commit(byte[] commitment) throws ChainException {
        try (Timing.Span s = timing.span(Work.TRANSACTIONS)) {
            port.commit(commitment);
        }
    }

    @Override
    public void reveal(Cid update, long numSamples, byte[] salt) throws ChainException {
        try (Timing.Span s = timing.span(Work.TRANSACTIONS)) {
            port.reveal(update, numSamples, salt);
        }
    }

    @Override
    public void vote(Cid aggregate, byte[] weightsRoot, BigInteger totalWeight) throws ChainException {
        try (Timing.Span s = timing.span(Work.TRANSACTIONS)) {
            port.vote(aggregate, weightsRoot, totalWeight);
        }
    }

    @Override
    public void advance() throws ChainException {
        try (Timing.Span s = timing.span(Work.TRANSACTIONS)) {
            port.advance();
        }
    }

    @Override
    public void requestLeave() throws ChainException {
        try (Timing.Span s = timing.span(Work.TRANSACTIONS)) {
            port.requestLeave();
        }
    }

    @Override
    public void claim(List<RewardClaim> claims) throws ChainException {
        try (Timing.Span s = timing.span(Work.TRANSACTIONS)) {
            port.claim(claims);
        }
    }

    @Override
    public void slash(String offender, SlashKind kind) throws ChainException {
        try (Timing.Span s = timing.span(Work.TRANSACTIONS)) {
            port.slash(offender, kind);
        }
    }

    @Override
    public void slashRejectedUpdate(String offender, long round, BigInteger weight, List<byte[]> proof)
            throws ChainException {
        try (Timing.Span s = timing.span(Work.TRANSACTIONS)) {
            port.slashRejectedUpdate(offender, round, weight, proof);
        }
    }

    @Override
    public boolean passed(long deadline) throws ChainException {
        return port.passed(deadline); // the clock: a cached block, read again at most once per block
    }

    @Override
    public void awaitChange(Moved moved, long deadline, Duration maxWait) throws ChainException, InterruptedException {
        try (Timing.Span s = timing.span(Work.WAITING)) {
            port.awaitChange(moved, deadline, maxWait);
        }
    }

    @Override
    public Sealing sealing(ModelStore models, boolean encrypted) throws ChainException {
        try (Timing.Span s = timing.span(Work.CHAIN_READS)) {
            return port.sealing(models, encrypted);
        }
    }
}
