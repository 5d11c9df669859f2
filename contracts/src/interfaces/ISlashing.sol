// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {SlashKind} from "../task/TaskTypes.sol";

/// @title ISlashing
/// @notice Anyone may report a slashable fact; the evidence is on-chain and cannot be escaped.
/// @dev Each slash takes the task's fraction for that kind of the offender's current stake;
/// `reporterBountyBps` of it is credited to the reporter (withdraw with `withdrawRewards`), the
/// rest returns to the reward pool. Liabilities whose evidence the offender's next action would
/// overwrite are settled by that action itself, without bounty. A slash that leaves the stake
/// below `minStake` suspends the participant from the next round.
interface ISlashing {
    /// @notice There is no unsettled `kind` liability of `participant`.
    error SlashingNoEvidence(address participant, SlashKind kind);
    /// @notice Reporters cannot report themselves.
    error SlashingSelfReport();
    /// @notice `participant` has no stake left (or the slash fraction is zero).
    error SlashingNothingToSlash(address participant);
    /// @notice `round` has not finalized.
    error SlashingRoundNotFinalized(uint256 round);
    /// @notice `participant` was already slashed for `kind` in `round`.
    error SlashingAlreadySlashed(address participant, uint256 round, SlashKind kind);
    /// @notice The proof does not show a rejected leaf under the root of `round`.
    error SlashingInvalidProof(uint256 round);

    /// @notice `offender` lost `amount` for `kind` in `round`; `reporter` (zero address when the
    /// offender's own action settled it) was credited `bounty`, the rest went to the pool.
    event Slashed(
        address indexed offender,
        uint256 indexed round,
        SlashKind indexed kind,
        uint256 amount,
        address reporter,
        uint256 bounty
    );
    /// @notice `participant` is not active from `fromRound` on (stake below minimum or missed rounds).
    event ParticipantSuspended(address indexed participant, uint256 fromRound);

    /// @notice Reports that `participant` committed in a round whose reveal phase ended and did
    /// not reveal.
    /// @param participant The offender.
    function slashNoReveal(address participant) external;

    /// @notice Reports that `participant` voted for an outcome other than the one its last
    /// voted round finalized with.
    /// @param participant The offender.
    function slashWrongVote(address participant) external;

    /// @notice Reports that the finalized outcome of `round` rejected the update of `participant`,
    /// proven by the leaf (participant, false, weight).
    /// @param participant The offender.
    /// @param round Finalized round.
    /// @param weight The leaf's weight.
    /// @param proof Merkle proof, leaf to root.
    function slashRejectedUpdate(address participant, uint256 round, uint256 weight, bytes32[] calldata proof)
        external;

    /// @notice Reports that `participant` missed more than `missTolerance` consecutive rounds while
    /// active; also suspends it from the next round.
    /// @param participant The offender.
    function slashMissedRounds(address participant) external;

    /// @notice Whether a report of `kind` against `participant` would succeed now. Always false
    /// for `RejectedUpdate`, which needs a proof.
    /// @param participant The address asked about.
    /// @param kind Slash kind.
    /// @return liable True if slashable.
    function slashable(address participant, SlashKind kind) external view returns (bool liable);

    /// @notice Whether `participant` was slashed for a rejected update in `round`.
    /// @param participant The address asked about.
    /// @param round Round number.
    /// @return slashed True once slashed.
    function isRejectionSlashed(address participant, uint256 round) external view returns (bool slashed);
}
