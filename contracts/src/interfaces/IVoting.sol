// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

/// @title IVoting
/// @notice Outcome votes and finalization by stake quorum.
/// @dev An outcome is (aggregate CID, weights root, total weight). Each vote adds the voter's
/// stake (never more than was counted at its reveal) to its outcome's tally; the vote that
/// brings a tally to `tally * 10000 >= quorumBps * revealedStake` finalizes the round and starts
/// the next one. When every revealer voted without a quorum, the round fails in that last vote.
interface IVoting {
    /// @notice `participant` did not reveal in `round`, so it cannot vote.
    error VotingNotRevealed(address participant, uint256 round);
    /// @notice `participant` already voted in `round`.
    error VotingAlreadyVoted(address participant, uint256 round);
    /// @notice `cid` is not a 36-byte CIDv1 (raw or dag-pb) with a sha2-256 multihash.
    error VotingInvalidCid(bytes cid);
    /// @notice A weights root of zero (no Merkle tree has it).
    error VotingZeroWeightsRoot();
    /// @notice `totalWeight` exceeds 2^96 - 1.
    error VotingTotalWeightTooLarge(uint256 totalWeight);

    /// @notice `voter` gave `stake` to `outcomeId` (per-round `ordinal`) in `round`; the outcome's
    /// tally is now `tally`.
    event VoteCast(
        address indexed voter,
        uint256 indexed round,
        bytes32 indexed outcomeId,
        uint256 ordinal,
        uint256 stake,
        uint256 tally
    );
    /// @notice `round` finalized: the new global model is `aggregateCid` (digest `aggregateDigest`),
    /// rewards of `reward` are split by the weights under `weightsRoot`.
    event RoundFinalized(
        uint256 indexed round,
        bytes32 aggregateDigest,
        bytes32 weightsRoot,
        uint256 totalWeight,
        uint256 reward,
        bytes aggregateCid
    );

    /// @notice Votes for the round's outcome as computed by the caller.
    /// @dev Settles the caller's wrong-vote liability from its previous vote first.
    /// @param aggregateCid Binary CIDv1 of the aggregated model.
    /// @param weightsRoot Merkle root over the (participant, accepted, weight) leaves.
    /// @param totalWeight Sum of the accepted leaves' weights.
    function vote(bytes calldata aggregateCid, bytes32 weightsRoot, uint256 totalWeight) external;

    /// @notice The id under which an outcome is tallied:
    /// `keccak256(abi.encodePacked(aggregateCid, weightsRoot, totalWeight))`.
    /// @param aggregateCid Binary CID of the aggregate.
    /// @param weightsRoot Merkle root.
    /// @param totalWeight Sum of accepted weights (uint256).
    /// @return outcomeId The id.
    function outcomeIdFor(bytes calldata aggregateCid, bytes32 weightsRoot, uint256 totalWeight)
        external
        pure
        returns (bytes32 outcomeId);

    /// @notice Vote counts of the current round.
    /// @return votedCount Votes cast.
    /// @return outcomeCount Distinct outcomes voted for.
    /// @return firstOutcome Id of the first outcome voted for (the honest one, normally).
    /// @return firstTally Stake voted for it.
    function voteProgress()
        external
        view
        returns (uint256 votedCount, uint256 outcomeCount, bytes32 firstOutcome, uint256 firstTally);

    /// @notice The global model: the latest finalized round's aggregate, or the initial model.
    /// @return round Round that produced it (0: the initial model).
    /// @return digest Its sha2-256 digest.
    function globalModel() external view returns (uint256 round, bytes32 digest);

    /// @notice Stake tallied for `outcomeId` in the current round so far.
    /// @param outcomeId Outcome id (see outcomeIdFor).
    /// @return stake Tallied stake.
    /// @return ordinal Per-round ordinal of the outcome (0: nobody voted for it).
    function currentTally(bytes32 outcomeId) external view returns (uint256 stake, uint256 ordinal);
}
