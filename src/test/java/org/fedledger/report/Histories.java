package org.fedledger.report;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskPhase;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.report.TaskHistory.Member;
import org.fedledger.report.TaskHistory.Round;
import org.fedledger.report.TaskHistory.RoundStatus;
import org.fedledger.report.TaskHistory.Slashes;
import org.fedledger.report.TaskHistory.Terms;
import org.fedledger.report.TaskHistory.Vote;
import org.fedledger.storage.Cid;

/** Hand-built task histories for the report's unit tests: no chain involved. */
final class Histories {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    static final String TASK = "0x" + "ab".repeat(20);
    static final String ALICE = "0x" + "11".repeat(20);
    static final String BOB = "0x" + "22".repeat(20);
    static final String CAROL = "0x" + "33".repeat(20);

    private Histories() {}

    static Cid cid(int seed) {
        byte[] digest = new byte[32];
        digest[0] = (byte) seed;
        return Cid.of(Cid.RAW, digest);
    }

    static Terms terms(int rounds, String rule) {
        return new Terms(rounds, 1, rule, "0x" + "cd".repeat(20), 6_667, 1, TOKEN.multiply(BigInteger.valueOf(100)),
                cid(1), cid(2));
    }

    static Round finalized(long number, double accuracy, long gas) {
        return new Round(number, RoundStatus.FINALIZED, Optional.of(cid(10 + (int) number)), BigInteger.valueOf(3_000),
                TOKEN.multiply(BigInteger.valueOf(1_000)), TOKEN.multiply(BigInteger.valueOf(999)),
                List.of(ALICE, BOB, CAROL), List.of(ALICE, BOB, CAROL),
                List.of(new Vote(ALICE, 1), new Vote(BOB, 1), new Vote(CAROL, 2)), 1, OptionalLong.of(gas),
                OptionalDouble.of(accuracy));
    }

    static Round failed(long number, RoundStatus status, long gas) {
        return new Round(number, status, Optional.empty(), BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                List.of(ALICE), List.of(), List.of(), 0, OptionalLong.of(gas), OptionalDouble.empty());
    }

    static Member member(String address, long claimedTokens, long bountyTokens, List<Slashes> slashes) {
        BigInteger claimed = TOKEN.multiply(BigInteger.valueOf(claimedTokens));
        BigInteger bounties = TOKEN.multiply(BigInteger.valueOf(bountyTokens));
        return new Member(address, ParticipantInfo.Status.ACTIVE, TOKEN.multiply(BigInteger.valueOf(100)),
                TOKEN.multiply(BigInteger.valueOf(100)), claimed.add(bounties), claimed, bounties, slashes, 3, 3, 2);
    }

    /** Three rounds: finalized, failed for want of a quorum, finalized; three participants, one slashed. */
    static TaskHistory threeRounds() {
        return new TaskHistory(TASK, 1337, TaskPhase.COMPLETED, 3, terms(3, "fedavg"), OptionalDouble.of(0.1),
                List.of(finalized(1, 0.72, 612_345), failed(2, RoundStatus.FAILED_NO_QUORUM, 401_000),
                        finalized(3, 0.88, 598_765)),
                List.of(member(ALICE, 660, 10, List.of()), member(BOB, 660, 0, List.of()),
                        member(CAROL, 660, 0, List.of(new Slashes(SlashKind.WRONG_VOTE, 1,
                                TOKEN.multiply(BigInteger.TEN))))));
    }

    /** {@code history} of a task under the privacy policy {@code policy}. */
    static TaskHistory withPrivacy(TaskHistory history, DpPolicy policy) {
        Terms t = history.terms();
        return new TaskHistory(history.task(), history.chainId(), history.phase(), history.currentRound(),
                new Terms(t.numRounds(), t.ruleId(), t.rule(), t.token(), t.quorumBps(), t.minRevealers(),
                        t.minStake(), t.modelSpec(), t.initialModel(), Optional.of(policy)),
                history.initialAccuracy(), history.rounds(), history.participants());
    }

    /** A task still in registration: no rounds, nobody joined, nothing measured. */
    static TaskHistory empty() {
        return new TaskHistory(TASK, 1337, TaskPhase.REGISTRATION, 0, terms(5, "median"), OptionalDouble.empty(),
                List.of(), List.of());
    }
}
