// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {Slashing} from "./Slashing.sol";
import {ParticipantInfo, ParticipantStatus, Phase, RoundState, TaskRules} from "./TaskTypes.sol";
import {pageOf} from "../utils/Pages.sol";

/// @title Membership
/// @notice Stakes in and out. Membership changes take effect at the next round start, through
/// `_nextActiveCount`, so the running round's active count (which ends its commit phase early)
/// never changes under it. These cold paths use storage pointers rather than memory copies of
/// the packed structs: a few hundred gas more, much less code.
abstract contract Membership is IMembership, Slashing {
    using SafeERC20 for IERC20;

    /// @dev Every address that ever joined, in join order (append-only, for paginated listing).
    address[] private _participantList;

    /// @inheritdoc IMembership
    function join(uint256 amount) external nonReentrant {
        _join(amount);
    }

    /// @inheritdoc IMembership
    function joinWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external nonReentrant {
        // A permit submitted by someone else first makes this one revert; the allowance is
        // then already in place, so the failure is ignored and the transfer decides.
        // solhint-disable no-empty-blocks
        try IERC20Permit(address(_rules().token)).permit(msg.sender, address(this), amount, deadline, v, r, s) {}
        catch {}
        // solhint-enable no-empty-blocks
        _join(amount);
    }

    /// @inheritdoc IMembership
    function topUp(uint256 amount) external nonReentrant {
        if (amount == 0) revert MembershipZeroAmount();
        ParticipantStatus status = _accounts[msg.sender].status;
        if (status != ParticipantStatus.Active) revert MembershipWrongStatus(msg.sender, status);
        Member storage m = _members[msg.sender];
        RoundState memory s = _loadRound();
        // A vote weighs the stake at vote time; refusing top-ups between a reveal and the vote
        // keeps that weight at most the stake counted into the round's revealed stake.
        if (m.revealRound == s.round && m.voteRound != s.round && (s.phase == Phase.Reveal || s.phase == Phase.Vote)) {
            revert MembershipVotePending(msg.sender, s.round);
        }
        uint256 received = _pullStake(_rules().token, amount);
        uint256 stake = m.stake + received;
        m.stake = uint96(stake);
        emit StakeToppedUp(msg.sender, received, stake);
    }

    /// @inheritdoc IMembership
    function requestLeave() external {
        Account storage account = _accounts[msg.sender];
        ParticipantStatus status = account.status;
        if (status != ParticipantStatus.Active && status != ParticipantStatus.Suspended) {
            revert MembershipWrongStatus(msg.sender, status);
        }
        Member storage m = _members[msg.sender];
        uint256 exitRound = m.exitRound;
        if (exitRound == 0) {
            exitRound = uint256(_state.round) + 1;
            m.exitRound = uint24(exitRound);
            _nextActiveCount -= 1;
        }
        account.status = ParticipantStatus.Leaving;
        account.leaveRequestedAt = uint32(block.timestamp);
        emit LeaveRequested(msg.sender, exitRound);
    }

    /// @inheritdoc IMembership
    function withdrawStake() external nonReentrant {
        Account storage account = _accounts[msg.sender];
        if (account.status != ParticipantStatus.Leaving) revert MembershipWrongStatus(msg.sender, account.status);
        TaskRules memory r = _rules();
        uint256 unlock = _unlockTime(msg.sender, r.leaveCooldown);
        if (unlock == 0 || block.timestamp < unlock) revert MembershipStakeLocked(msg.sender, unlock);
        Member storage m = _members[msg.sender];
        uint256 amount = m.stake;
        m.stake = 0;
        account.status = ParticipantStatus.Left;
        _totalStaked -= uint128(amount);
        emit StakeWithdrawn(msg.sender, amount);
        if (amount != 0) r.token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IMembership
    function participantInfo(address participant) external view returns (ParticipantInfo memory info) {
        Account storage account = _accounts[participant];
        Member storage m = _members[participant];
        info.status = account.status;
        info.stake = m.stake;
        info.rewards = account.rewards;
        info.joinRound = m.joinRound;
        info.exitRound = m.exitRound;
        info.commitRound = _commitments[participant].round;
        info.revealRound = m.revealRound;
        info.voteRound = m.voteRound;
        info.leaveRequestedAt = account.leaveRequestedAt;
        info.missSettledRound = m.missSettledRound;
        if (info.status == ParticipantStatus.Leaving) {
            info.unlockTime = _unlockTime(participant, _rules().leaveCooldown);
        }
    }

    /// @inheritdoc IMembership
    function stakeOf(address participant) external view returns (uint256 stake) {
        return _members[participant].stake;
    }

    /// @inheritdoc IMembership
    function isActive(address participant, uint256 round) external view returns (bool active) {
        Member storage m = _members[participant];
        return _isActiveIn(m.joinRound, m.exitRound, round);
    }

    /// @inheritdoc IMembership
    function unlockTime(address participant) external view returns (uint256 time) {
        if (_accounts[participant].status != ParticipantStatus.Leaving) return 0;
        return _unlockTime(participant, _rules().leaveCooldown);
    }

    /// @inheritdoc IMembership
    function participantCount() external view returns (uint256 count) {
        return _participantList.length;
    }

    /// @inheritdoc IMembership
    function participants(uint256 offset, uint256 limit) external view returns (address[] memory page) {
        return pageOf(_participantList, offset, limit);
    }

    /// @inheritdoc IMembership
    function nextRoundActiveCount() external view returns (uint256 count) {
        return _nextActiveCount;
    }

    function _join(uint256 amount) private {
        Phase phase = _state.phase;
        if (phase == Phase.None || phase == Phase.Completed) revert MembershipClosed(phase);
        // One membership per address: a suspended or departed participant leaves and, to come
        // back, joins from a new address. This keeps every marker monotonic.
        Account storage account = _accounts[msg.sender];
        if (account.status != ParticipantStatus.None) revert MembershipAlreadyJoined(msg.sender, account.status);
        if (_participantList.length >= type(uint24).max) revert MembershipParticipantCapReached();
        TaskRules memory r = _rules();
        uint256 received = _pullStake(r.token, amount);
        if (received < r.minStake) revert MembershipStakeTooLow(received, r.minStake);
        account.status = ParticipantStatus.Active;
        uint256 firstRound = uint256(_state.round) + 1;
        Member storage m = _members[msg.sender];
        m.stake = uint96(received);
        m.joinRound = uint24(firstRound);
        _participantList.push(msg.sender);
        _nextActiveCount += 1;
        emit Joined(msg.sender, received, firstRound);
    }

    /// @dev Pulls `amount` and books what actually arrived, so fee-on-transfer tokens cannot
    /// break the conservation law. Callers are nonReentrant.
    function _pullStake(IERC20 token, uint256 amount) private returns (uint256 received) {
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        received = token.balanceOf(address(this)) - balanceBefore;
        uint256 total = _totalStaked + received;
        if (total > type(uint96).max) revert MembershipStakeCapExceeded(total);
        _totalStaked = uint128(total);
    }

    /// @dev Unlock = cooldown after the later of the leave request and the end of the last
    /// active round (0 while that round runs). A participant that was never active has nothing
    /// to answer for and unlocks at once.
    function _unlockTime(address participant, uint256 cooldown) private view returns (uint256) {
        Member storage m = _members[participant];
        uint256 requestedAt = _accounts[participant].leaveRequestedAt;
        uint256 lastActive = uint256(m.exitRound) - 1;
        if (lastActive < m.joinRound) return requestedAt;
        if (lastActive >= _state.round && _state.phase != Phase.Completed) return 0;
        uint256 endedAt = _rounds[lastActive].endedAt;
        return (endedAt > requestedAt ? endedAt : requestedAt) + cooldown;
    }
}
