package org.fedledger.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.ParticipantInfo.Status;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskPhase;
import org.fedledger.membership.Leaving.AlreadyLeaving;
import org.fedledger.membership.Leaving.AlreadyLeft;
import org.fedledger.membership.Leaving.LeaveRequested;
import org.fedledger.membership.Leaving.NotAMember;
import org.fedledger.membership.StakeWithdrawal.NothingToWithdraw;
import org.fedledger.membership.StakeWithdrawal.StakeLocked;
import org.junit.jupiter.api.Test;

/** How a member's refusals and leaves are read from the contract's error and the member's status. */
class MemberTest {
    private static final Duration COOLDOWN = Duration.ofSeconds(600);
    private static final BigInteger STAKE = BigInteger.valueOf(200);

    private static ParticipantInfo info(Status status, long joinRound, long exitRound, long unlockTime) {
        return new ParticipantInfo(status, STAKE, BigInteger.ZERO, joinRound, exitRound, 0, 0, 0, unlockTime);
    }

    @Test
    void aLockedStakeBeforeItsLastRoundEndsHasNoUnlockTimeYet() {
        StakeWithdrawal refusal = Member.stakeRefusal("MembershipStakeLocked", info(Status.LEAVING, 1, 3, 0), COOLDOWN)
                .orElseThrow();
        assertThat(refusal).isEqualTo(new StakeLocked(0, 2, COOLDOWN));
        assertThat(((StakeLocked) refusal).unlockKnown()).isFalse();
    }

    @Test
    void aLockedStakeAfterItsLastRoundEndedUnlocksAtTheRecordedTime() {
        assertThat(Member.stakeRefusal("MembershipStakeLocked", info(Status.LEAVING, 1, 3, 1_700_000_000), COOLDOWN))
                .contains(new StakeLocked(1_700_000_000, 2, COOLDOWN));
    }

    @Test
    void aWrongStatusMeansNothingToWithdrawBecauseOfThatStatus() {
        for (Status status : new Status[] {Status.NONE, Status.ACTIVE, Status.SUSPENDED, Status.LEFT}) {
            assertThat(Member.stakeRefusal("MembershipWrongStatus", info(status, 1, 0, 0), COOLDOWN))
                    .contains(new NothingToWithdraw(status));
        }
        assertThat(new NothingToWithdraw(Status.ACTIVE).stillAMember()).isTrue();
        assertThat(new NothingToWithdraw(Status.SUSPENDED).stillAMember()).isTrue();
        assertThat(new NothingToWithdraw(Status.LEFT).stillAMember()).isFalse();
    }

    @Test
    void aWithdrawalRefusalTheStatusDoesNotExplainIsLeftToTheCaller() {
        assertThat(Member.stakeRefusal("MembershipWrongStatus", info(Status.LEAVING, 1, 3, 0), COOLDOWN)).isEmpty();
        assertThat(Member.stakeRefusal("SomethingElse", info(Status.LEAVING, 1, 3, 0), COOLDOWN)).isEmpty();
        assertThat(Member.stakeRefusal("", info(Status.ACTIVE, 1, 0, 0), COOLDOWN)).isEmpty();
    }

    @Test
    void aLeavingStakeIsNeverNothingToWithdraw() {
        assertThatThrownBy(() -> new NothingToWithdraw(Status.LEAVING)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavingIsRefusedToStrangersToLeaversAndToThoseWhoLeft() {
        assertThat(Member.leaveRefusal("MembershipWrongStatus", info(Status.NONE, 0, 0, 0))).contains(new NotAMember());
        assertThat(Member.leaveRefusal("MembershipWrongStatus", info(Status.LEAVING, 1, 4, 0)))
                .contains(new AlreadyLeaving(3, 0));
        assertThat(Member.leaveRefusal("MembershipWrongStatus", info(Status.LEFT, 1, 4, 99))).contains(new AlreadyLeft());
    }

    @Test
    void aLeaveRefusalAMemberCannotGetFromItsStatusIsLeftToTheCaller() {
        assertThat(Member.leaveRefusal("MembershipWrongStatus", info(Status.ACTIVE, 1, 0, 0))).isEmpty();
        assertThat(Member.leaveRefusal("RoundNotInPhase", info(Status.NONE, 0, 0, 0))).isEmpty();
    }

    @Test
    void aLeaveDuringItsLastRoundKeepsTheMemberActiveUntilThatRoundEnds() {
        LeaveRequested left = Member.requested(info(Status.LEAVING, 1, 3, 0), new RoundPosition(2, TaskPhase.REVEAL, 0),
                COOLDOWN);
        assertThat(left.lastRound()).isEqualTo(2);
        assertThat(left.everActive()).isTrue();
        assertThat(left.lastRoundEnded()).isFalse();
        assertThat(left.stake()).isEqualTo(STAKE);
        assertThat(left.cooldown()).isEqualTo(COOLDOWN);
    }

    @Test
    void aLeaveAfterTheTaskCompletedHasItsLastRoundEnded() {
        LeaveRequested left = Member.requested(info(Status.LEAVING, 1, 3, 1_700_000_000),
                new RoundPosition(2, TaskPhase.COMPLETED, 0), COOLDOWN);
        assertThat(left.lastRoundEnded()).isTrue();
        assertThat(left.unlockTime()).isEqualTo(1_700_000_000);
    }

    @Test
    void aLeaveBeforeTheFirstRoundItJoinedForWasNeverActive() {
        LeaveRequested left = Member.requested(info(Status.LEAVING, 3, 3, 1_700_000_000),
                new RoundPosition(2, TaskPhase.VOTE, 0), COOLDOWN);
        assertThat(left.everActive()).isFalse();
    }
}
