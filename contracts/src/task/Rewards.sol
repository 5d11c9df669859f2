// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IRewards} from "../interfaces/IRewards.sol";
import {Voting} from "./Voting.sol";
import {Phase, RoundRecord, RoundStatus} from "./TaskTypes.sol";

/// @title Rewards
/// @notice Merkle claims of finalized rounds' rewards into a balance, and pull withdrawals.
/// @dev A claim credits a balance instead of transferring, so any number of rounds costs one
/// transfer, and the only outbound transfers are `withdrawRewards` and `withdrawStake`.
abstract contract Rewards is IRewards, Voting {
    using SafeERC20 for IERC20;

    /// @dev Claim walk state: the claimer's account slot and one bitmap word stay in memory and
    /// are written once.
    struct ClaimCursor {
        uint256 account; // the claimer's Account slot, packed
        uint256 word; // bitmap word in memory (type(uint256).max: none yet)
        uint256 bits; // its bits
        uint256 nodes; // proof nodes consumed
        uint256 voteRound; // the claimer's last vote: its round
        uint256 voteOrdinal; // and the ordinal of the outcome it voted for
    }

    /// @dev Bit offset of Account.claimedRounds in the packed slot.
    uint256 private constant _ACCOUNT_CLAIM_SHIFT = 136;

    /// @inheritdoc IRewards
    function claim(
        uint256[] calldata rounds,
        uint256[] calldata weights,
        uint256[] calldata proofLengths,
        bytes32[] calldata proofNodes
    ) external nonReentrant returns (uint256 total) {
        if (rounds.length == 0 || weights.length != rounds.length || proofLengths.length != rounds.length) {
            revert RewardsLengthMismatch();
        }
        uint256[] memory amounts = new uint256[](rounds.length);
        ClaimCursor memory c = _openCursor();
        for (uint256 i; i < rounds.length; ++i) {
            amounts[i] = _claimOne(rounds[i], weights[i], _nextProof(proofNodes, proofLengths[i], c), c);
            total += amounts[i];
        }
        if (c.nodes != proofNodes.length) revert RewardsLengthMismatch();
        _closeCursor(c, total);
        emit RewardsClaimed(msg.sender, rounds, amounts, total);
    }

    /// @inheritdoc IRewards
    function withdrawRewards() external nonReentrant {
        uint256 amount = _accounts[msg.sender].rewards;
        if (amount == 0) revert RewardsNothingToWithdraw(msg.sender);
        _accounts[msg.sender].rewards = 0;
        _creditedRewards -= uint128(amount);
        emit RewardsWithdrawn(msg.sender, amount);
        _rules().token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IRewards
    function reclaimPool() external {
        address taskCreator = _argAddress(_ARGS_CREATOR_WORD);
        if (msg.sender != taskCreator) revert RewardsNotCreator(msg.sender);
        if (_state.phase != Phase.Completed) revert RewardsTaskNotCompleted();
        uint256 amount = _pool;
        if (amount == 0) revert RewardsPoolEmpty();
        // Balances are uint96; a larger pool (only possible after huge slashes) takes two calls.
        if (amount > type(uint96).max) amount = type(uint96).max;
        _pool -= uint128(amount);
        _creditedRewards += uint128(amount);
        _accounts[taskCreator].rewards += uint96(amount);
        emit PoolReclaimed(taskCreator, amount);
    }

    /// @inheritdoc IRewards
    function claimable(uint256 round, uint256 weight) external view returns (uint256 amount) {
        RoundRecord memory record = _rounds[round];
        if (record.status != RoundStatus.Finalized || record.totalWeight == 0) return 0;
        return uint256(record.reward) * weight / record.totalWeight;
    }

    /// @inheritdoc IRewards
    function isClaimed(address participant, uint256 round) external view returns (bool claimed) {
        if (round == 0) return false;
        if (round <= _ACCOUNT_CLAIM_ROUNDS) return _accounts[participant].claimedRounds & (1 << (round - 1)) != 0;
        return _claimed[participant][round >> 8] & (1 << (round & 255)) != 0;
    }

    /// @inheritdoc IRewards
    function rewardsOf(address account) external view returns (uint256 amount) {
        return _accounts[account].rewards;
    }

    /// @inheritdoc IRewards
    function leafFor(address participant, bool accepted, uint256 weight) external pure returns (bytes32 leaf) {
        return _leaf(participant, accepted, weight);
    }

    function _openCursor() private view returns (ClaimCursor memory c) {
        Account storage account = _accounts[msg.sender];
        uint256 packed;
        assembly ("memory-safe") {
            packed := sload(account.slot)
        }
        Member memory m = _members[msg.sender];
        return ClaimCursor({
            account: packed,
            word: type(uint256).max,
            bits: 0,
            nodes: 0,
            voteRound: m.voteRound,
            voteOrdinal: m.voteOrdinal
        });
    }

    /// @dev Books `total`: allocated -> credited, and the claimer's rewards; writes the claim
    /// bits and the account slot once each.
    function _closeCursor(ClaimCursor memory c, uint256 total) private {
        if (c.word != type(uint256).max) _claimed[msg.sender][c.word] = c.bits;
        uint256 allocated = _allocatedRewards;
        // Unreachable with a tree the honest quorum built; stops a forged one from paying out
        // more than was allocated (stakes and the pool stay out of reach either way).
        if (total > allocated) revert RewardsExceedAllocation(total, allocated);
        _allocatedRewards = uint128(allocated - total);
        _creditedRewards += uint128(total);
        // Account.rewards is the slot's low 96 bits.
        uint256 rewards = uint96(c.account) + total;
        if (rewards > type(uint96).max) revert RewardsBalanceOverflow(rewards);
        uint256 packed = (c.account >> 96 << 96) | rewards;
        Account storage account = _accounts[msg.sender];
        assembly ("memory-safe") {
            sstore(account.slot, packed)
        }
    }

    function _claimOne(uint256 round, uint256 weight, bytes32[] calldata proof, ClaimCursor memory c)
        private
        returns (uint256)
    {
        RoundRecord storage record = _rounds[round];
        if (record.status != RoundStatus.Finalized) revert RewardsRoundNotFinalized(round);
        if (weight == 0) revert RewardsZeroWeight(round);
        // A wrong vote not yet overwritten; once overwritten (or reported) the round is forfeited.
        if (round == c.voteRound && c.voteOrdinal != record.winningOrdinal) revert RewardsForfeited(round);
        uint256 totalWeight = record.totalWeight;
        if (weight > totalWeight) revert RewardsWeightTooLarge(round, weight, totalWeight);
        _markClaimed(round, c);
        if (!MerkleProof.verifyCalldata(proof, record.weightsRoot, _leaf(msg.sender, true, weight))) {
            revert RewardsInvalidProof(round);
        }
        return uint256(record.reward) * weight / totalWeight;
    }

    /// @dev Sets the caller's bit for `round`: in its account slot for rounds up to 120, else in
    /// the cursor's bitmap word, flushing the previous word when the round falls in another one.
    function _markClaimed(uint256 round, ClaimCursor memory c) private {
        if (round <= _ACCOUNT_CLAIM_ROUNDS) {
            uint256 bit = 1 << (_ACCOUNT_CLAIM_SHIFT - 1 + round);
            if (c.account & bit != 0) revert RewardsAlreadyClaimed(round);
            c.account |= bit;
            return;
        }
        uint256 word = round >> 8;
        if (word != c.word) {
            if (c.word != type(uint256).max) _claimed[msg.sender][c.word] = c.bits;
            c.word = word;
            c.bits = _claimed[msg.sender][word];
        }
        uint256 mask = 1 << (round & 255);
        if (c.bits & mask != 0) revert RewardsAlreadyClaimed(round);
        c.bits |= mask;
    }

    /// @dev The next `length` proof nodes.
    function _nextProof(bytes32[] calldata proofNodes, uint256 length, ClaimCursor memory c)
        private
        pure
        returns (bytes32[] calldata proof)
    {
        uint256 start = c.nodes;
        uint256 end = start + length;
        if (end > proofNodes.length) revert RewardsLengthMismatch();
        c.nodes = end;
        return proofNodes[start:end];
    }
}
