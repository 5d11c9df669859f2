// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {Phase, RoundRecord, RoundState, RoundStatus} from "../task/TaskTypes.sol";

/// @title IRounds
/// @notice The round state machine: commit, reveal, and advancing phases whose deadline passed.
/// @dev Each phase ends early, in the transaction of its last expected action: commit when every
/// active participant committed, reveal when every committer revealed. Deadlines are counted
/// from the block timestamp at which the phase started.
interface IRounds {
    /// @notice The task is in `actual` during `round`; this call needs `expected`.
    error RoundsNotInPhase(uint256 round, Phase expected, Phase actual);
    /// @notice The deadline `deadline` of `phase` in `round` passed: call `advance()` first.
    error RoundsPhaseExpired(uint256 round, Phase phase, uint256 deadline);
    /// @notice `phase` of `round` runs until `deadline` and may not be advanced yet.
    error RoundsPhaseNotOver(uint256 round, Phase phase, uint256 deadline);
    /// @notice The task is in `phase` (completed, or not initialized): there is nothing to advance.
    error RoundsNotRunning(Phase phase);
    /// @notice `participant` is not active in `round`.
    error RoundsNotActive(address participant, uint256 round);
    /// @notice `participant` already committed in `round`.
    error RoundsAlreadyCommitted(address participant, uint256 round);
    /// @notice `participant` did not commit in `round`.
    error RoundsNotCommitted(address participant, uint256 round);
    /// @notice `participant` already revealed in `round`.
    error RoundsAlreadyRevealed(address participant, uint256 round);
    /// @notice `cid` is not a 36-byte CIDv1 (raw or dag-pb) with a sha2-256 multihash.
    error RoundsInvalidCid(bytes cid);
    /// @notice The revealed values do not hash to the commitment of `participant` in `round`.
    error RoundsCommitmentMismatch(address participant, uint256 round);
    /// @notice `numSamples` is 0 or above the task's `sampleCap`.
    error RoundsInvalidSampleCount(uint256 numSamples, uint256 sampleCap);
    /// @notice The stake `stake` does not bond the claimed samples (`required`), or is zero.
    error RoundsInsufficientBond(uint256 stake, uint256 required);

    /// @notice `round` entered `phase`, which may be advanced by anyone from `deadline` on.
    event PhaseAdvanced(uint256 indexed round, Phase phase, uint256 deadline);
    /// @notice `participant` committed `commitment` in `round`.
    event UpdateCommitted(address indexed participant, uint256 indexed round, bytes32 commitment);
    /// @notice `participant` revealed its update `cid` for `round`, trained on `numSamples`
    /// samples; `stake` is its vote weight for the round.
    event UpdateRevealed(
        address indexed participant, uint256 indexed round, uint256 numSamples, uint256 stake, bytes cid
    );
    /// @notice `round` ended without an outcome; the global model stays and its reward rolls over.
    event RoundFailed(uint256 indexed round, RoundStatus reason);

    /// @notice Commits to an update for the current round.
    /// @dev `commitment = keccak256(abi.encode(digest, numSamples, salt, msg.sender, address(this),
    /// round))` with types (bytes32, uint256, bytes32, address, address, uint256). Settles any
    /// liability the caller's previous round left (see ISlashing) before overwriting its evidence.
    /// @param commitment The commitment hash.
    function commit(bytes32 commitment) external;

    /// @notice Reveals the update committed in the current round.
    /// @dev The update digest is the last 32 bytes of `cid`; the commitment binds it.
    /// @param cid Binary CIDv1 of the update (36 bytes: 0x01, 0x55 or 0x70, 0x12, 0x20, digest).
    /// @param numSamples Samples trained on, 1..sampleCap, bonded by stakePerSample each.
    /// @param salt The commitment's salt.
    function reveal(bytes calldata cid, uint256 numSamples, bytes32 salt) external;

    /// @notice Ends the current phase once its deadline passed: registration starts round 1;
    /// commit moves to reveal (or fails with no commits); reveal moves to vote (or fails with
    /// fewer than minRevealers reveals); vote fails the round.
    function advance() external;

    /// @notice The running round's state (one storage slot).
    /// @return state Round, phase, deadline, counts and revealed stake.
    function roundState() external view returns (RoundState memory state);

    /// @notice The current round, phase and phase deadline.
    /// @return round Current round (0 during registration).
    /// @return phase Current phase.
    /// @return deadline Unix time from which `advance()` is allowed.
    function currentRound() external view returns (uint256 round, Phase phase, uint256 deadline);

    /// @notice What is kept about an ended round.
    /// @param round Round number.
    /// @return record Outcome digest, weights root, total weight, reward, end time and status.
    function roundRecord(uint256 round) external view returns (RoundRecord memory record);

    /// @notice The commitment of `participant` in its last committed round, as stored: its first
    /// 28 bytes, zero-padded (the digest of the revealed update is in the UpdateRevealed event's CID).
    /// @param participant The address asked about.
    /// @return value Truncated commitment.
    function commitmentOf(address participant) external view returns (bytes32 value);

    /// @notice The commitment a participant must send, computed exactly as `reveal` checks it.
    /// @param digest Update digest (sha2-256 of the update, the CID's last 32 bytes).
    /// @param numSamples Claimed sample count.
    /// @param salt Secret salt.
    /// @param participant Committer.
    /// @param round Round number.
    /// @return commitment The hash.
    function commitmentFor(bytes32 digest, uint256 numSamples, bytes32 salt, address participant, uint256 round)
        external
        view
        returns (bytes32 commitment);
}
