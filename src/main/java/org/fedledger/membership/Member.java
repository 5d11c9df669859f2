package org.fedledger.membership;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskPhase;
import org.fedledger.membership.Leaving.AlreadyLeaving;
import org.fedledger.membership.Leaving.AlreadyLeft;
import org.fedledger.membership.Leaving.LeaveRequested;
import org.fedledger.membership.Leaving.NotAMember;
import org.fedledger.membership.StakeWithdrawal.NothingToWithdraw;
import org.fedledger.membership.StakeWithdrawal.StakeLocked;
import org.fedledger.membership.StakeWithdrawal.Withdrawn;

/**
 * The signing account of a {@link TaskClient} as a member of its task: leaving, and taking its
 * stake and rewards out. A refusal the contract explains (its custom error, read beside the
 * account's status) comes back as a value; one it does not is thrown as the
 * {@link ContractRevertException} it was. The decisions are pure functions beside the calls.
 */
public final class Member {
    private final TaskClient client;

    public Member(TaskClient client) {
        this.client = requireNonNull(client, "client == null");
    }

    /** Transfers the credited rewards to the account; returns the amount, empty when none were credited. */
    public Optional<BigInteger> withdrawRewards() throws ChainException {
        BigInteger amount = client.rewardsOf(client.account());
        try {
            client.withdrawRewards();
            return Optional.of(amount);
        } catch (ContractRevertException e) {
            if (e.errorName().filter("RewardsNothingToWithdraw"::equals).isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Transfers the stake back, if the account is leaving and its stake has unlocked. */
    public StakeWithdrawal withdrawStake() throws ChainException {
        ParticipantInfo before = client.participantInfo(client.account());
        try {
            client.withdrawStake();
            return new Withdrawn(before.stake());
        } catch (ContractRevertException e) {
            return stakeRefusal(e.errorName().orElse(""), client.participantInfo(client.account()),
                    client.rules().leaveCooldown()).orElseThrow(() -> e);
        }
    }

    /** Asks to leave the task after the current round. */
    public Leaving leave() throws ChainException {
        try {
            client.requestLeave();
        } catch (ContractRevertException e) {
            return leaveRefusal(e.errorName().orElse(""), client.participantInfo(client.account())).orElseThrow(() -> e);
        }
        return requested(client.participantInfo(client.account()), client.position(), client.rules().leaveCooldown());
    }

    /** What {@code withdrawStake}'s revert with {@code error} means for a member now at {@code me}; empty: unexplained. */
    static Optional<StakeWithdrawal> stakeRefusal(String error, ParticipantInfo me, Duration cooldown) {
        return switch (error) {
            case "MembershipStakeLocked" -> Optional.of(new StakeLocked(me.unlockTime(), me.exitRound() - 1, cooldown));
            case "MembershipWrongStatus" -> me.status() == ParticipantInfo.Status.LEAVING ? Optional.empty()
                    : Optional.of(new NothingToWithdraw(me.status()));
            default -> Optional.empty();
        };
    }

    /** What {@code requestLeave}'s revert with {@code error} means for a member now at {@code me}; empty: unexplained. */
    static Optional<Leaving> leaveRefusal(String error, ParticipantInfo me) {
        if (!error.equals("MembershipWrongStatus")) {
            return Optional.empty();
        }
        return switch (me.status()) {
            case NONE -> Optional.of(new NotAMember());
            case LEAVING -> Optional.of(new AlreadyLeaving(me.exitRound() - 1, me.unlockTime()));
            case LEFT -> Optional.of(new AlreadyLeft());
            case ACTIVE, SUSPENDED -> Optional.empty(); // members may leave: the refusal was for another reason
        };
    }

    /** The leave recorded for {@code me} while the task is at {@code now}. */
    static LeaveRequested requested(ParticipantInfo me, RoundPosition now, Duration cooldown) {
        boolean ended = now.phase() == TaskPhase.COMPLETED || now.round() > me.exitRound() - 1;
        return new LeaveRequested(me.joinRound(), me.exitRound(), ended, me.stake(), me.unlockTime(), cooldown);
    }
}
