// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

// Types shared by the task's interfaces, its modules and the factory. They live at file level so
// that generated Web3j wrappers name them plainly (`TaskRules`, not `IFederatedTask.TaskRules`).

/// @notice Where a task is in its life. A round moves Commit -> Reveal -> Vote and then either
/// finalizes or fails; the next round's Commit phase starts in the same transaction. `None` is
/// a task that is not initialized (or the locked template): nothing can be done in it.
enum Phase {
    None,
    Registration,
    Commit,
    Reveal,
    Vote,
    Completed
}

/// @notice How a round ended. `None` means it has not ended (or does not exist).
enum RoundStatus {
    None,
    Finalized,
    FailedNoCommits,
    FailedNoReveals,
    FailedNoQuorum
}

/// @notice A participant's membership state; see docs/protocol.md "Membership".
enum ParticipantStatus {
    None,
    Active,
    Suspended,
    Leaving,
    Left
}

/// @notice The four slashable facts.
enum SlashKind {
    NoReveal,
    RejectedUpdate,
    WrongVote,
    MissedRounds
}

/// @notice A task's rules, fixed at creation. Appended to the task's own code by the factory, so
/// nobody, the creator included, can change them afterwards.
struct TaskRules {
    /// @dev Stake and reward token (any ERC-20 without rebasing).
    IERC20 token;
    /// @dev Smallest stake that makes a participant active.
    uint96 minStake;
    /// @dev Stake bonded per claimed sample: a reveal needs stake >= numSamples * stakePerSample.
    uint96 stakePerSample;
    /// @dev Largest sample count a reveal may claim.
    uint64 sampleCap;
    /// @dev Number of rounds, 1 .. 16,777,214.
    uint32 numRounds;
    /// @dev Seconds from creation until round 1 may start.
    uint32 registrationDuration;
    /// @dev Commit phase length in seconds.
    uint32 commitDuration;
    /// @dev Reveal phase length in seconds.
    uint32 revealDuration;
    /// @dev Vote phase length in seconds.
    uint32 voteDuration;
    /// @dev Seconds a leaver waits after its last active round ended (the reporting window).
    uint32 leaveCooldown;
    /// @dev Share of the round's revealed stake that finalizes an outcome, in basis points (> 5000).
    uint16 quorumBps;
    /// @dev A round with fewer reveals fails.
    uint32 minRevealers;
    /// @dev Consecutive missed rounds tolerated before the liveness slash.
    uint16 missTolerance;
    /// @dev Slash for committing without revealing, in basis points of the stake.
    uint16 noRevealSlashBps;
    /// @dev Slash for an update the finalized outcome rejected.
    uint16 rejectedSlashBps;
    /// @dev Slash for voting for an outcome other than the finalized one.
    uint16 wrongVoteSlashBps;
    /// @dev Slash for missing more than `missTolerance` consecutive rounds while active.
    uint16 missedRoundsSlashBps;
    /// @dev Share of each reported slash paid to the reporter, in basis points.
    uint16 reporterBountyBps;
    /// @dev Aggregation rule id, interpreted by participants only.
    uint32 aggregationRule;
}

/// @notice A task's content addresses and the aggregation rule's parameters. CIDs are binary
/// CIDv1 with a sha2-256 multihash (36 bytes); the validation set may be empty.
struct TaskMetadata {
    /// @dev Model specification (DL4J network configuration JSON).
    bytes modelSpecCid;
    /// @dev Initial global weights.
    bytes initialModelCid;
    /// @dev Public validation set (empty: none).
    bytes validationSetCid;
    /// @dev Aggregation rule parameters, opaque to the contracts.
    bytes aggregationParams;
}

/// @notice The running round, kept in one storage slot that every phase action rewrites.
struct RoundState {
    /// @dev Current round, 1-based; 0 during registration.
    uint24 round;
    /// @dev Current phase.
    Phase phase;
    /// @dev Unix time at which the current phase may be advanced by anyone.
    uint32 deadline;
    /// @dev Participants active in this round (fixed at round start).
    uint24 activeCount;
    /// @dev Commitments received this round.
    uint24 committedCount;
    /// @dev Reveals received this round.
    uint24 revealedCount;
    /// @dev Sum of the revealers' stakes at reveal: the quorum's denominator.
    uint96 revealedStake;
}

/// @notice What the contract keeps about an ended round (the aggregate's CID and digest are
/// in the RoundFinalized event; the latest one is also returned by `globalModel()`).
struct RoundRecord {
    /// @dev Merkle root over (participant, accepted, weight) leaves.
    bytes32 weightsRoot;
    /// @dev Reward allocated to the round, split by weight.
    uint96 reward;
    /// @dev Sum of the accepted leaves' weights.
    uint96 totalWeight;
    /// @dev Unix time the round ended.
    uint32 endedAt;
    /// @dev How the round ended.
    RoundStatus status;
    /// @dev Per-round ordinal of the finalized outcome (1 = first outcome voted for).
    uint24 winningOrdinal;
}

/// @notice Everything readable about one participant.
struct ParticipantInfo {
    /// @dev Membership state.
    ParticipantStatus status;
    /// @dev Current stake.
    uint256 stake;
    /// @dev Credited rewards and bounties, not yet withdrawn.
    uint256 rewards;
    /// @dev First active round (0: never joined).
    uint256 joinRound;
    /// @dev First round no longer active (0: none scheduled).
    uint256 exitRound;
    /// @dev Last round committed in.
    uint256 commitRound;
    /// @dev Last round revealed in.
    uint256 revealRound;
    /// @dev Last round voted in.
    uint256 voteRound;
    /// @dev Unix time of the leave request (0: none).
    uint256 leaveRequestedAt;
    /// @dev When the stake unlocks (0: not leaving, or its last active round still runs).
    uint256 unlockTime;
    /// @dev Missed rounds up to here are settled.
    uint256 missSettledRound;
}

/// @notice The components of the conservation law
/// `balance == totalStaked + allocatedRewards + creditedRewards + pool` (plus unsolicited transfers).
struct Accounting {
    /// @dev The task's token balance.
    uint256 balance;
    /// @dev Sum of all stakes.
    uint256 totalStaked;
    /// @dev Rewards of finalized rounds not yet claimed (including rounding dust).
    uint256 allocatedRewards;
    /// @dev Rewards credited to accounts, not yet withdrawn.
    uint256 creditedRewards;
    /// @dev Undistributed reward pool.
    uint256 pool;
}
