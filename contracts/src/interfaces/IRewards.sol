// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

/// @title IRewards
/// @notice Claiming round rewards with Merkle proofs, and withdrawing them (pull payments).
/// @dev Leaf: `keccak256(bytes.concat(keccak256(abi.encode(participant, accepted, weight))))`
/// with types (address, bool, uint256); pairs hashed sorted (OpenZeppelin MerkleProof). A claim
/// pays `reward * weight / totalWeight` for each round and credits the caller's rewards balance.
interface IRewards {
    /// @notice The claim arrays differ in length, are empty, or the proof nodes do not add up.
    error RewardsLengthMismatch();
    /// @notice `round` has not finalized.
    error RewardsRoundNotFinalized(uint256 round);
    /// @notice A claim with weight 0 in `round`.
    error RewardsZeroWeight(uint256 round);
    /// @notice `weight` exceeds the round's `totalWeight`.
    error RewardsWeightTooLarge(uint256 round, uint256 weight, uint256 totalWeight);
    /// @notice The caller already claimed `round`, or forfeited it by voting against its outcome.
    error RewardsAlreadyClaimed(uint256 round);
    /// @notice The caller voted against `round`'s finalized outcome and forfeited its reward.
    error RewardsForfeited(uint256 round);
    /// @notice The proof does not lead from the caller's leaf to the root of `round`.
    error RewardsInvalidProof(uint256 round);
    /// @notice A claim of `amount` exceeds the `allocated` rewards (only possible with a forged tree).
    error RewardsExceedAllocation(uint256 amount, uint256 allocated);
    /// @notice The claimer's credited balance would exceed 2^96 - 1: withdraw first.
    error RewardsBalanceOverflow(uint256 balance);
    /// @notice `account` has no rewards to withdraw.
    error RewardsNothingToWithdraw(address account);
    /// @notice Only the task's creator may reclaim the pool; `caller` is not.
    error RewardsNotCreator(address caller);
    /// @notice The pool may only be reclaimed after the last round.
    error RewardsTaskNotCompleted();
    /// @notice The pool is empty.
    error RewardsPoolEmpty();

    /// @notice `participant` claimed `amounts[i]` for `rounds[i]`, `total` in all.
    event RewardsClaimed(address indexed participant, uint256[] rounds, uint256[] amounts, uint256 total);
    /// @notice `account` withdrew `amount` of credited rewards.
    event RewardsWithdrawn(address indexed account, uint256 amount);
    /// @notice After completion, the undistributed pool `amount` was credited to `creator`.
    event PoolReclaimed(address indexed creator, uint256 amount);

    /// @notice Claims the rewards of several finalized rounds in one call.
    /// @dev Proofs are flattened: the proof for claim `i` is the next `proofLengths[i]` entries
    /// of `proofNodes` (flat arrays keep the ABI free of nested dynamic arrays).
    /// @param rounds Finalized rounds.
    /// @param weights The caller's weight in each round's tree.
    /// @param proofLengths Number of proof nodes of each claim.
    /// @param proofNodes All proof nodes, claim after claim, each proof leaf-to-root.
    /// @return total Amount credited.
    function claim(
        uint256[] calldata rounds,
        uint256[] calldata weights,
        uint256[] calldata proofLengths,
        bytes32[] calldata proofNodes
    ) external returns (uint256 total);

    /// @notice Transfers the caller's whole credited rewards (claims, bounties) to it.
    function withdrawRewards() external;

    /// @notice After the last round, credits the undistributed pool to the task's creator.
    function reclaimPool() external;

    /// @notice Reward for `weight` in `round` (0 unless finalized).
    /// @param round Round number.
    /// @param weight Weight from the round's tree.
    /// @return amount `reward * weight / totalWeight`.
    function claimable(uint256 round, uint256 weight) external view returns (uint256 amount);

    /// @notice Whether `participant` claimed `round`.
    /// @param participant The address asked about.
    /// @param round Round number.
    /// @return claimed True once claimed, or forfeited by a settled wrong vote.
    function isClaimed(address participant, uint256 round) external view returns (bool claimed);

    /// @notice Credited, not yet withdrawn rewards of `account`.
    /// @param account The address asked about.
    /// @return amount Base units.
    function rewardsOf(address account) external view returns (uint256 amount);

    /// @notice The Merkle leaf for (participant, accepted, weight).
    /// @param participant Leaf's participant.
    /// @param accepted Whether the update was accepted.
    /// @param weight Contribution weight.
    /// @return leaf The double-hashed leaf.
    function leafFor(address participant, bool accepted, uint256 weight) external pure returns (bytes32 leaf);
}
