// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRounds} from "../interfaces/IRounds.sol";
import {cidSha256Digest} from "../utils/Cid.sol";
import {Membership} from "./Membership.sol";
import {Phase, RoundRecord, RoundState, RoundStatus, TaskRules} from "./TaskTypes.sol";

/// @title Rounds
/// @notice The phase machine, commit and reveal. Every transition happens inside the call that
/// causes it (the last expected action, or `advance()` after a deadline), with no loops: the
/// running round is one storage slot, rewritten in place.
abstract contract Rounds is IRounds, Membership {
    /// @inheritdoc IRounds
    function commit(bytes32 commitment) external {
        RoundState memory s = _loadRound();
        _requirePhase(s, Phase.Commit);
        Member memory m = _loadMember(msg.sender);
        if (!_isActiveIn(m.joinRound, m.exitRound, s.round)) revert RoundsNotActive(msg.sender, s.round);
        Commitment memory previous = _loadCommitment(msg.sender);
        if (previous.round == s.round) revert RoundsAlreadyCommitted(msg.sender, s.round);
        TaskRules memory r = _rules();
        _settleBeforeCommit(msg.sender, m, previous, s.round, r);
        _saveCommitment(msg.sender, Commitment({hash: bytes28(commitment), round: s.round, flags: 0}));
        emit UpdateCommitted(msg.sender, s.round, commitment);
        // Counts are bounded by the participant count (< 2^24), stakes by their capped sum (< 2^96).
        unchecked {
            s.committedCount += 1;
        }
        if (s.committedCount == s.activeCount) _openPhase(s, Phase.Reveal, r.revealDuration);
        _saveRound(s);
    }

    /// @inheritdoc IRounds
    function reveal(bytes calldata cid, uint256 numSamples, bytes32 salt) external {
        RoundState memory s = _loadRound();
        _requirePhase(s, Phase.Reveal);
        Member memory m = _loadMember(msg.sender);
        if (m.revealRound == s.round) revert RoundsAlreadyRevealed(msg.sender, s.round);
        _checkOpening(cid, numSamples, salt, s.round);
        TaskRules memory r = _rules();
        if (numSamples == 0 || numSamples > r.sampleCap) revert RoundsInvalidSampleCount(numSamples, r.sampleCap);
        uint256 bond = numSamples * r.stakePerSample;
        if (m.stake == 0 || m.stake < bond) revert RoundsInsufficientBond(m.stake, bond);
        m.revealRound = s.round;
        _saveMember(msg.sender, m);
        // The stake counted here is the most this participant's vote can weigh (top-ups wait
        // until it voted; slashes only lower it), so tallies never exceed revealedStake.
        unchecked {
            s.revealedCount += 1;
            s.revealedStake += m.stake;
        }
        emit UpdateRevealed(msg.sender, s.round, numSamples, m.stake, cid);
        if (s.revealedCount == s.committedCount) _closeReveal(s, r);
        _saveRound(s);
    }

    /// @inheritdoc IRounds
    function advance() external {
        RoundState memory s = _loadRound();
        if (s.phase == Phase.None || s.phase == Phase.Completed) revert RoundsNotRunning(s.phase);
        if (block.timestamp < s.deadline) revert RoundsPhaseNotOver(s.round, s.phase, s.deadline);
        TaskRules memory r = _rules();
        if (s.phase == Phase.Registration) {
            _startNextRound(s, r);
        } else if (s.phase == Phase.Commit) {
            if (s.committedCount == 0) _failRound(s, RoundStatus.FailedNoCommits, r);
            else _openPhase(s, Phase.Reveal, r.revealDuration);
        } else if (s.phase == Phase.Reveal) {
            _closeReveal(s, r);
        } else {
            _failRound(s, RoundStatus.FailedNoQuorum, r);
        }
        _saveRound(s);
    }

    /// @inheritdoc IRounds
    function roundState() external view returns (RoundState memory state) {
        return _state;
    }

    /// @inheritdoc IRounds
    function currentRound() external view returns (uint256 round, Phase phase, uint256 deadline) {
        RoundState memory s = _loadRound();
        return (s.round, s.phase, s.deadline);
    }

    /// @inheritdoc IRounds
    function roundRecord(uint256 round) external view returns (RoundRecord memory record) {
        return _rounds[round];
    }

    /// @inheritdoc IRounds
    function commitmentOf(address participant) external view returns (bytes32 value) {
        return bytes32(_commitments[participant].hash);
    }

    /// @inheritdoc IRounds
    function commitmentFor(bytes32 digest, uint256 numSamples, bytes32 salt, address participant, uint256 round)
        external
        view
        returns (bytes32 commitment)
    {
        return _commitmentHash(digest, numSamples, salt, participant, round);
    }

    /// @dev Reverts unless the task is in `expected` and its deadline has not passed.
    function _requirePhase(RoundState memory s, Phase expected) internal view {
        if (s.phase != expected) revert RoundsNotInPhase(s.round, expected, s.phase);
        if (block.timestamp >= s.deadline) revert RoundsPhaseExpired(s.round, s.phase, s.deadline);
    }

    /// @dev Fails `s.round` (model unchanged; its reward stays in the pool and so rolls over)
    /// and starts the next round.
    function _failRound(RoundState memory s, RoundStatus reason, TaskRules memory r) internal {
        _saveRecordSummary(s.round, 0, 0, reason, 0);
        emit RoundFailed(s.round, reason);
        _startNextRound(s, r);
    }

    /// @dev Starts the commit phase of the next round, or completes the task after the last.
    /// Joins and leaves requested since the last round start take effect here.
    function _startNextRound(RoundState memory s, TaskRules memory r) internal {
        if (s.round >= r.numRounds) {
            s.phase = Phase.Completed;
            s.deadline = 0;
            emit PhaseAdvanced(s.round, Phase.Completed, 0);
            return;
        }
        s.round += 1;
        s.activeCount = uint24(_nextActiveCount);
        s.committedCount = 0;
        s.revealedCount = 0;
        s.revealedStake = 0;
        _openPhase(s, Phase.Commit, r.commitDuration);
    }

    function _openPhase(RoundState memory s, Phase phase, uint256 duration) private {
        s.phase = phase;
        s.deadline = SafeCast.toUint32(block.timestamp + duration);
        emit PhaseAdvanced(s.round, phase, s.deadline);
    }

    /// @dev Reveal is over (deadline, or every committer revealed): vote, or fail if too few revealed.
    function _closeReveal(RoundState memory s, TaskRules memory r) private {
        if (s.revealedCount < r.minRevealers) _failRound(s, RoundStatus.FailedNoReveals, r);
        else _openPhase(s, Phase.Vote, r.voteDuration);
    }

    /// @dev Reverts unless the caller committed in `round` to exactly these values.
    function _checkOpening(bytes calldata cid, uint256 numSamples, bytes32 salt, uint256 round) private view {
        Commitment memory c = _loadCommitment(msg.sender);
        if (c.round != round) revert RoundsNotCommitted(msg.sender, round);
        (bytes32 digest, bool valid) = cidSha256Digest(cid);
        if (!valid) revert RoundsInvalidCid(cid);
        if (bytes28(_commitmentHash(digest, numSamples, salt, msg.sender, round)) != c.hash) {
            revert RoundsCommitmentMismatch(msg.sender, round);
        }
    }

    function _commitmentHash(bytes32 digest, uint256 numSamples, bytes32 salt, address participant, uint256 round)
        private
        view
        returns (bytes32)
    {
        return keccak256(abi.encode(digest, numSamples, salt, participant, address(this), round));
    }
}
