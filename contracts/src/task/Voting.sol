// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {IVoting} from "../interfaces/IVoting.sol";
import {cidSha256Digest} from "../utils/Cid.sol";
import {Rounds} from "./Rounds.sol";
import {Phase, RoundState, RoundStatus, TaskRules} from "./TaskTypes.sol";

/// @title Voting
/// @notice Stake-weighted outcome votes; the vote that reaches the quorum finalizes the round.
/// @dev Honest participants compute the same outcome, so nearly every vote of a round goes to
/// the first outcome voted for. That outcome is tallied in two reused slots (`_firstOutcome`
/// and `_votes`); only a dissenting outcome costs a fresh per-round slot. Each outcome gets a
/// per-round ordinal (1 = first), which is all a participant's vote marker needs to store.
abstract contract Voting is IVoting, Rounds {
    /// @dev Vote bookkeeping, one slot.
    struct VoteState {
        uint24 round; // round the fields below belong to
        uint24 outcomeCount; // distinct outcomes voted for in `round`
        uint24 votedCount; // votes cast in `round`
        uint96 firstTally; // stake voted for `_firstOutcome` in `round`
        uint24 lastFinalizedRound; // latest finalized round (0: none)
        uint24 lastFinalizedOrdinal; // its winning ordinal
    }

    /// @dev Tally of a dissenting outcome.
    struct Tally {
        uint96 stake; // stake voted for it
        uint24 ordinal; // its per-round ordinal (>= 2)
    }

    /// @dev A voted outcome, bundled to keep the stack shallow.
    struct Outcome {
        bytes32 id; // keccak256(abi.encodePacked(aggregateCid, weightsRoot, totalWeight))
        bytes32 aggregateDigest; // the CID's sha2-256 digest
        bytes32 weightsRoot; // Merkle root of the weights
        uint256 totalWeight; // sum of accepted weights
        uint256 ordinal; // per-round ordinal, set when tallied
    }

    VoteState private _votes;
    /// @dev Id of the first outcome voted for in `_votes.round`.
    bytes32 private _firstOutcome;
    mapping(uint256 round => mapping(bytes32 outcomeId => Tally tally)) private _tallies;

    /// @inheritdoc IVoting
    function vote(bytes calldata aggregateCid, bytes32 weightsRoot, uint256 totalWeight) external {
        RoundState memory s = _loadRound();
        _requirePhase(s, Phase.Vote);
        Outcome memory o = _outcome(aggregateCid, weightsRoot, totalWeight);
        Member memory m = _loadMember(msg.sender);
        if (m.revealRound != s.round) revert VotingNotRevealed(msg.sender, s.round);
        if (m.voteRound == s.round) revert VotingAlreadyVoted(msg.sender, s.round);
        VoteState memory v = _loadVotes();
        TaskRules memory r = _rules();
        if (_settleBeforeVote(msg.sender, m, v.lastFinalizedRound, v.lastFinalizedOrdinal, r)) {
            m = _loadMember(msg.sender);
        }
        uint256 tally = _addVote(v, s.round, o, m.stake);
        m.voteRound = s.round;
        m.voteOrdinal = uint24(o.ordinal);
        m.flags &= ~_WRONG_VOTE_SETTLED;
        _saveMember(msg.sender, m);
        emit VoteCast(msg.sender, s.round, o.id, o.ordinal, m.stake, tally);
        if (tally * _BPS >= uint256(r.quorumBps) * s.revealedStake) {
            _finalize(s, v, r, o, aggregateCid);
            _saveRound(s);
        } else if (v.votedCount == s.revealedCount) {
            _failRound(s, RoundStatus.FailedNoQuorum, r);
            _saveRound(s);
        }
        _saveVotes(v);
    }

    /// @inheritdoc IVoting
    function outcomeIdFor(bytes calldata aggregateCid, bytes32 weightsRoot, uint256 totalWeight)
        external
        pure
        returns (bytes32 outcomeId)
    {
        return keccak256(abi.encodePacked(aggregateCid, weightsRoot, totalWeight));
    }

    /// @inheritdoc IVoting
    function currentTally(bytes32 outcomeId) external view returns (uint256 stake, uint256 ordinal) {
        VoteState memory v = _votes;
        uint256 round = _state.round;
        if (v.round != round || v.outcomeCount == 0) return (0, 0);
        if (_firstOutcome == outcomeId) return (v.firstTally, 1);
        Tally memory t = _tallies[round][outcomeId];
        return (t.stake, t.ordinal);
    }

    /// @inheritdoc IVoting
    function voteProgress()
        external
        view
        returns (uint256 votedCount, uint256 outcomeCount, bytes32 firstOutcome, uint256 firstTally)
    {
        VoteState memory v = _loadVotes();
        if (v.round != _state.round) return (0, 0, bytes32(0), 0);
        return (v.votedCount, v.outcomeCount, _firstOutcome, v.firstTally);
    }

    /// @inheritdoc IVoting
    function globalModel() external view returns (uint256 round, bytes32 digest) {
        return (_votes.lastFinalizedRound, _globalModelDigest);
    }

    /// @dev Records the outcome, moves the round's reward from the pool to the allocated rewards
    /// and starts the next round. Reward = pool / rounds left, so failed rounds roll over and
    /// slashes paid into the pool are spread over the remaining rounds.
    function _finalize(
        RoundState memory s,
        VoteState memory v,
        TaskRules memory r,
        Outcome memory outcome,
        bytes calldata aggregateCid
    ) private {
        uint256 round = s.round;
        uint256 reward;
        // With no accepted weight nobody could claim: the reward stays in the pool instead.
        if (outcome.totalWeight != 0) {
            uint256 pool = _pool;
            reward = pool / (r.numRounds - round + 1);
            if (reward > type(uint96).max) reward = type(uint96).max;
            _pool = uint128(pool - reward);
            _allocatedRewards += uint128(reward);
        }
        _rounds[round].weightsRoot = outcome.weightsRoot;
        _saveRecordSummary(round, reward, outcome.totalWeight, RoundStatus.Finalized, outcome.ordinal);
        _globalModelDigest = outcome.aggregateDigest;
        v.lastFinalizedRound = uint24(round);
        v.lastFinalizedOrdinal = uint24(outcome.ordinal);
        emit RoundFinalized(
            round, outcome.aggregateDigest, outcome.weightsRoot, outcome.totalWeight, reward, aggregateCid
        );
        _startNextRound(s, r);
    }

    /// @dev Single-SLOAD/SSTORE copies of the vote state (see TaskStorage._loadRound).
    function _loadVotes() private view returns (VoteState memory v) {
        uint256 w;
        VoteState storage ref = _votes;
        assembly ("memory-safe") {
            w := sload(ref.slot)
        }
        v.round = uint24(w);
        v.outcomeCount = uint24(w >> 24);
        v.votedCount = uint24(w >> 48);
        v.firstTally = uint96(w >> 72);
        v.lastFinalizedRound = uint24(w >> 168);
        v.lastFinalizedOrdinal = uint24(w >> 192);
    }

    function _saveVotes(VoteState memory v) private {
        uint256 w = uint256(v.round) | uint256(v.outcomeCount) << 24 | uint256(v.votedCount) << 48
            | uint256(v.firstTally) << 72 | uint256(v.lastFinalizedRound) << 168
            | uint256(v.lastFinalizedOrdinal) << 192;
        VoteState storage ref = _votes;
        assembly ("memory-safe") {
            sstore(ref.slot, w)
        }
    }

    /// @dev Validates and identifies the voted outcome.
    function _outcome(bytes calldata aggregateCid, bytes32 weightsRoot, uint256 totalWeight)
        private
        pure
        returns (Outcome memory o)
    {
        (bytes32 digest, bool valid) = cidSha256Digest(aggregateCid);
        if (!valid) revert VotingInvalidCid(aggregateCid);
        if (weightsRoot == 0) revert VotingZeroWeightsRoot();
        if (totalWeight > type(uint96).max) revert VotingTotalWeightTooLarge(totalWeight);
        o.id = keccak256(abi.encodePacked(aggregateCid, weightsRoot, totalWeight));
        o.aggregateDigest = digest;
        o.weightsRoot = weightsRoot;
        o.totalWeight = totalWeight;
    }

    /// @dev Adds `stake` to outcome `o` in `round`, sets its ordinal; returns its new tally.
    function _addVote(VoteState memory v, uint256 round, Outcome memory o, uint256 stake)
        private
        returns (uint256 tally)
    {
        if (v.round != round) {
            v.round = uint24(round);
            v.outcomeCount = 0;
            v.votedCount = 0;
            v.firstTally = 0;
        }
        // Counts are bounded by the participant count (< 2^24), tallies by the revealed stake.
        unchecked {
            v.votedCount += 1;
        }
        if (v.outcomeCount == 0) {
            _firstOutcome = o.id;
            v.outcomeCount = 1;
            v.firstTally = uint96(stake);
            o.ordinal = 1;
            return stake;
        }
        if (_firstOutcome == o.id) {
            unchecked {
                v.firstTally += uint96(stake);
            }
            o.ordinal = 1;
            return v.firstTally;
        }
        Tally memory t = _tallies[round][o.id];
        if (t.ordinal == 0) {
            v.outcomeCount += 1;
            t.ordinal = v.outcomeCount;
        }
        t.stake += uint96(stake);
        _tallies[round][o.id] = t;
        o.ordinal = t.ordinal;
        return t.stake;
    }
}
