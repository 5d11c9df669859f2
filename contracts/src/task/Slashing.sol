// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ISlashing} from "../interfaces/ISlashing.sol";
import {TaskStorage} from "./TaskStorage.sol";
import {ParticipantStatus, Phase, RoundRecord, RoundStatus, SlashKind, TaskRules} from "./TaskTypes.sol";

/// @title Slashing
/// @notice Slashing by evidence, without loops. The evidence for NoReveal, WrongVote and
/// MissedRounds is the offender's own markers (its commitment and member slots); the
/// offender's next commit or vote, which overwrites them, first settles what they prove, so
/// acting again never erases a liability. RejectedUpdate evidence is a leaf of a finalized
/// round's tree, which nothing overwrites; a bitmap makes it count once per round.
abstract contract Slashing is ISlashing, TaskStorage {
    mapping(address participant => mapping(uint256 word => uint256 bits)) private _rejectionSlashed;

    /// @inheritdoc ISlashing
    function slashNoReveal(address participant) external {
        if (participant == msg.sender) revert SlashingSelfReport();
        Commitment storage c = _commitments[participant];
        uint256 round = c.round;
        if (!_noRevealLiable(round, _members[participant].revealRound, c.flags)) {
            revert SlashingNoEvidence(participant, SlashKind.NoReveal);
        }
        c.flags |= _NO_REVEAL_SETTLED;
        TaskRules memory r = _rules();
        _slashReported(participant, round, SlashKind.NoReveal, r.noRevealSlashBps, r);
    }

    /// @inheritdoc ISlashing
    function slashWrongVote(address participant) external {
        if (participant == msg.sender) revert SlashingSelfReport();
        Member storage m = _members[participant];
        uint256 round = m.voteRound;
        if (!_wrongVoteLiable(round, m.voteOrdinal, m.flags)) {
            revert SlashingNoEvidence(participant, SlashKind.WrongVote);
        }
        m.flags |= _WRONG_VOTE_SETTLED;
        _forfeit(participant, round);
        TaskRules memory r = _rules();
        _slashReported(participant, round, SlashKind.WrongVote, r.wrongVoteSlashBps, r);
    }

    /// @inheritdoc ISlashing
    function slashRejectedUpdate(address participant, uint256 round, uint256 weight, bytes32[] calldata proof)
        external
    {
        if (participant == msg.sender) revert SlashingSelfReport();
        RoundRecord storage record = _rounds[round];
        if (record.status != RoundStatus.Finalized) revert SlashingRoundNotFinalized(round);
        uint256 mask = 1 << (round & 255);
        uint256 bits = _rejectionSlashed[participant][round >> 8];
        if (bits & mask != 0) revert SlashingAlreadySlashed(participant, round, SlashKind.RejectedUpdate);
        if (!MerkleProof.verifyCalldata(proof, record.weightsRoot, _leaf(participant, false, weight))) {
            revert SlashingInvalidProof(round);
        }
        _rejectionSlashed[participant][round >> 8] = bits | mask;
        TaskRules memory r = _rules();
        _slashReported(participant, round, SlashKind.RejectedUpdate, r.rejectedSlashBps, r);
    }

    /// @inheritdoc ISlashing
    function slashMissedRounds(address participant) external {
        if (participant == msg.sender) revert SlashingSelfReport();
        TaskRules memory r = _rules();
        (bool liable, uint256 lastMissed) = _missedRounds(participant, r.missTolerance);
        if (!liable) revert SlashingNoEvidence(participant, SlashKind.MissedRounds);
        _members[participant].missSettledRound = uint24(lastMissed);
        _slashReported(participant, lastMissed, SlashKind.MissedRounds, r.missedRoundsSlashBps, r);
        // An absent participant keeps every later commit phase running to its deadline; taking it
        // out of the active set restores early phase ends.
        _suspend(participant);
    }

    /// @inheritdoc ISlashing
    function slashable(address participant, SlashKind kind) external view returns (bool liable) {
        Member storage m = _members[participant];
        TaskRules memory r = _rules();
        uint256 bps;
        if (kind == SlashKind.NoReveal) {
            Commitment storage c = _commitments[participant];
            liable = _noRevealLiable(c.round, m.revealRound, c.flags);
            bps = r.noRevealSlashBps;
        } else if (kind == SlashKind.WrongVote) {
            liable = _wrongVoteLiable(m.voteRound, m.voteOrdinal, m.flags);
            bps = r.wrongVoteSlashBps;
        } else if (kind == SlashKind.MissedRounds) {
            (liable,) = _missedRounds(participant, r.missTolerance);
            bps = r.missedRoundsSlashBps;
        }
        return liable && m.stake * bps >= _BPS;
    }

    /// @inheritdoc ISlashing
    function isRejectionSlashed(address participant, uint256 round) external view returns (bool slashed) {
        return _rejectionSlashed[participant][round >> 8] & (1 << (round & 255)) != 0;
    }

    /// @dev Settles what a commit in `round` overwrites: the previous commitment if it was never
    /// revealed, and a streak of rounds missed before this one (the streak ends here). Works on
    /// storage; the commit does not write the member slot afterwards.
    function _settleBeforeCommit(
        address participant,
        Member memory m,
        Commitment memory previous,
        uint256 round,
        TaskRules memory r
    ) internal {
        if (previous.round != 0 && m.revealRound != previous.round && previous.flags & _NO_REVEAL_SETTLED == 0) {
            _slash(participant, previous.round, SlashKind.NoReveal, r.noRevealSlashBps, address(0), r);
        }
        // Rounds start .. round-1 were active and uncommitted.
        uint256 start = uint256(previous.round) + 1;
        if (m.joinRound > start) start = m.joinRound;
        if (m.missSettledRound >= start) start = uint256(m.missSettledRound) + 1;
        if (round <= start + r.missTolerance) return;
        _members[participant].missSettledRound = uint24(round - 1);
        _slash(participant, round - 1, SlashKind.MissedRounds, r.missedRoundsSlashBps, address(0), r);
    }

    /// @dev Settles what a vote overwrites: a vote, in an earlier round, for an outcome other
    /// than the one that round finalized with. The latest finalized round's winner comes from
    /// the vote state, so the common case reads no extra slot. Works on storage; returns true
    /// if it slashed, and the caller then reloads its copy of the member slot.
    function _settleBeforeVote(
        address participant,
        Member memory m,
        uint256 lastFinalizedRound,
        uint256 lastFinalizedOrdinal,
        TaskRules memory r
    ) internal returns (bool slashed) {
        uint256 voted = m.voteRound;
        if (voted == 0 || voted > lastFinalizedRound || m.flags & _WRONG_VOTE_SETTLED != 0) return false;
        uint256 winning = lastFinalizedOrdinal;
        if (voted != lastFinalizedRound) {
            RoundRecord storage record = _rounds[voted];
            if (record.status != RoundStatus.Finalized) return false;
            winning = record.winningOrdinal;
        }
        if (winning == m.voteOrdinal) return false;
        _forfeit(participant, voted);
        (uint256 amount,) = _slash(participant, voted, SlashKind.WrongVote, r.wrongVoteSlashBps, address(0), r);
        return amount != 0;
    }

    /// @dev A reported slash: must take something; pays the bounty to msg.sender.
    function _slashReported(address participant, uint256 round, SlashKind kind, uint256 bps, TaskRules memory r)
        private
    {
        (uint256 amount,) = _slash(participant, round, kind, bps, msg.sender, r);
        if (amount == 0) revert SlashingNothingToSlash(participant);
    }

    /// @dev Moves `bps` of the offender's stake to the pool and `reporterBountyBps` of that to
    /// the reporter's rewards (no bounty when `reporter` is zero); suspends an offender left
    /// below `minStake`.
    function _slash(address offender, uint256 round, SlashKind kind, uint256 bps, address reporter, TaskRules memory r)
        private
        returns (uint256 amount, bool suspended)
    {
        Member storage m = _members[offender];
        uint256 stake = m.stake;
        amount = stake * bps / _BPS;
        if (amount == 0) return (0, false);
        uint256 bounty = reporter == address(0) ? 0 : amount * r.reporterBountyBps / _BPS;
        m.stake = uint96(stake - amount);
        _totalStaked -= uint128(amount);
        _pool += uint128(amount - bounty);
        if (bounty != 0) {
            _accounts[reporter].rewards += uint96(bounty);
            _creditedRewards += uint128(bounty);
        }
        emit Slashed(offender, round, kind, amount, reporter, bounty);
        if (stake - amount < r.minStake) suspended = _suspend(offender);
    }

    /// @dev Removes `participant` from the active set from the next round on, unless it is
    /// already leaving or suspended.
    function _suspend(address participant) internal returns (bool suspended) {
        Member storage m = _members[participant];
        if (m.exitRound != 0) return false;
        uint256 fromRound = uint256(_state.round) + 1;
        m.exitRound = uint24(fromRound);
        _nextActiveCount -= 1;
        _accounts[participant].status = ParticipantStatus.Suspended;
        emit ParticipantSuspended(participant, fromRound);
        return true;
    }

    /// @dev Committed in a round whose reveal phase is over, did not reveal, not yet settled.
    function _noRevealLiable(uint256 commitRound, uint256 revealRound, uint256 flags) private view returns (bool) {
        if (commitRound == 0 || revealRound == commitRound || flags & _NO_REVEAL_SETTLED != 0) return false;
        Phase phase = _state.phase;
        return commitRound < _state.round || phase == Phase.Vote || phase == Phase.Completed;
    }

    /// @dev Voted in a finalized round for another outcome, not yet settled.
    function _wrongVoteLiable(uint256 voteRound, uint256 voteOrdinal, uint256 flags) private view returns (bool) {
        if (voteRound == 0 || flags & _WRONG_VOTE_SETTLED != 0) return false;
        RoundRecord storage record = _rounds[voteRound];
        return record.status == RoundStatus.Finalized && record.winningOrdinal != voteOrdinal;
    }

    /// @dev The unsettled streak of rounds whose commit phase is over, in which the participant
    /// was active and did not commit: from max(joinRound, commitRound + 1, missSettledRound + 1)
    /// to min(last round with a closed commit phase, exitRound - 1). Liable if longer than the
    /// tolerance; `lastMissed` is the streak's last round.
    function _missedRounds(address participant, uint256 tolerance)
        private
        view
        returns (bool liable, uint256 lastMissed)
    {
        Member storage m = _members[participant];
        uint256 start = m.joinRound;
        Phase phase = _state.phase;
        if (start == 0 || phase == Phase.Registration) return (false, 0);
        lastMissed = phase == Phase.Commit ? _state.round - 1 : _state.round;
        uint256 exitRound = m.exitRound;
        if (exitRound != 0 && exitRound - 1 < lastMissed) lastMissed = exitRound - 1;
        uint256 next = uint256(_commitments[participant].round) + 1;
        if (next > start) start = next;
        next = uint256(m.missSettledRound) + 1;
        if (next > start) start = next;
        liable = lastMissed >= start && lastMissed - start + 1 > tolerance;
    }
}
