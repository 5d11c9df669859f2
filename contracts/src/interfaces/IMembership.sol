// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {ParticipantInfo, ParticipantStatus, Phase} from "../task/TaskTypes.sol";

/// @title IMembership
/// @notice Joining a task with a stake, topping it up, leaving after a cooldown.
/// @dev A participant that joins during round `r` (0 = registration) is active from round `r + 1`; a
/// leave request in round `r` makes round `r` its last active round. Stake unlocks
/// `leaveCooldown` seconds after the later of the request and the end of the last active round,
/// so slashes for that round can still land.
interface IMembership {
    /// @notice The task is in `phase` (completed, or not initialized): nobody can join.
    error MembershipClosed(Phase phase);
    /// @notice `participant` already has a membership in state `status` that `join` cannot change.
    error MembershipAlreadyJoined(address participant, ParticipantStatus status);
    /// @notice The resulting stake `stake` is below the task's `minStake`.
    error MembershipStakeTooLow(uint256 stake, uint256 minStake);
    /// @notice The sum of all stakes would exceed 2^96 - 1 base units.
    error MembershipStakeCapExceeded(uint256 totalStaked);
    /// @notice The task already has 2^24 - 1 participants.
    error MembershipParticipantCapReached();
    /// @notice A top-up of zero tokens.
    error MembershipZeroAmount();
    /// @notice `participant` is in state `status`, which does not allow this call.
    error MembershipWrongStatus(address participant, ParticipantStatus status);
    /// @notice `participant` revealed in `round` and has not voted yet: its stake is its vote
    /// weight and cannot grow until it votes or the round ends.
    error MembershipVotePending(address participant, uint256 round);
    /// @notice The stake of `participant` unlocks at `unlockTime` (0: once its last active round ends).
    error MembershipStakeLocked(address participant, uint256 unlockTime);

    /// @notice `participant` staked `amount` and is active from round `firstRound`.
    event Joined(address indexed participant, uint256 amount, uint256 firstRound);
    /// @notice `participant` added `amount`; its stake is now `stake`.
    event StakeToppedUp(address indexed participant, uint256 amount, uint256 stake);
    /// @notice `participant` asked to leave; it is not active from round `exitRound` on.
    event LeaveRequested(address indexed participant, uint256 exitRound);
    /// @notice `participant` withdrew its whole remaining stake, `amount`.
    event StakeWithdrawn(address indexed participant, uint256 amount);

    /// @notice Joins with `amount` tokens (approve the task first). One membership per address:
    /// after leaving or being suspended, come back from a new address.
    /// @dev The amount credited is what the task actually received (fee-on-transfer safe).
    /// @param amount Tokens to pull from the caller.
    function join(uint256 amount) external;

    /// @notice Like `join`, with an ERC-2612 permit instead of a prior approve.
    /// @dev A failing permit is ignored (it may have been front-run); the transfer then needs
    /// an allowance as usual.
    /// @param amount Tokens to pull from the caller, and the permit's value.
    /// @param deadline Permit deadline.
    /// @param v Signature v.
    /// @param r Signature r.
    /// @param s Signature s.
    function joinWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice Adds `amount` to the caller's stake (active participants only). Refused between the
    /// caller's reveal and its vote in the running round, so a vote never weighs more than the
    /// stake counted at reveal.
    /// @param amount Tokens to pull from the caller (approve first).
    function topUp(uint256 amount) external;

    /// @notice Stops participating after the current round and starts the unlock clock.
    function requestLeave() external;

    /// @notice Transfers the caller's whole remaining stake to it once unlocked.
    function withdrawStake() external;

    /// @notice Everything about `participant`.
    /// @param participant The address asked about.
    /// @return info Status, stake, rewards, round markers and unlock time.
    function participantInfo(address participant) external view returns (ParticipantInfo memory info);

    /// @notice Current stake of `participant`.
    /// @param participant The address asked about.
    /// @return stake Tokens staked (base units).
    function stakeOf(address participant) external view returns (uint256 stake);

    /// @notice Whether `participant` is (or was, or will be) active in `round`.
    /// @param participant The address asked about.
    /// @param round Round number.
    /// @return active True if the participant is expected to act in that round.
    function isActive(address participant, uint256 round) external view returns (bool active);

    /// @notice When the stake of a leaving `participant` unlocks.
    /// @param participant The address asked about.
    /// @return time Unix time, or 0 if not yet known (not leaving, or last round still running).
    function unlockTime(address participant) external view returns (uint256 time);

    /// @notice Number of addresses that ever joined (the list is append-only).
    /// @return count Length of the participant list.
    function participantCount() external view returns (uint256 count);

    /// @notice A page of the participant list, in join order.
    /// @param offset First index.
    /// @param limit Largest number of addresses returned.
    /// @return page The addresses.
    function participants(uint256 offset, uint256 limit) external view returns (address[] memory page);

    /// @notice Participants that will be active in the next round as things stand.
    /// @return count Active count the next round will start with.
    function nextRoundActiveCount() external view returns (uint256 count);
}
