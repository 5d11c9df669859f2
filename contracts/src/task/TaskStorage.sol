// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ParticipantStatus, Phase, RoundRecord, RoundState, RoundStatus, TaskRules} from "./TaskTypes.sol";

/// @title TaskStorage
/// @notice The state every module of a task shares, and the task's rules.
/// @dev Shared state is `internal` because several modules (one file each) read and write it;
/// state owned by a single module is `private` in that module. The layout is chosen for gas:
/// a participant's commit, reveal and vote touch two slots of its own, which are rewritten
/// every round (nonzero to nonzero, 2.9k gas), and never create per-round per-participant
/// slots (22.1k each).
abstract contract TaskStorage is ReentrancyGuard {
    /// @dev A participant's stake and round markers; one slot, read by commit, rewritten by
    /// reveal and vote.
    struct Member {
        uint96 stake; // tokens staked (the sum of all stakes is capped at 2^96 - 1)
        uint24 joinRound; // first active round (0: never joined)
        uint24 exitRound; // first round no longer active (0: none scheduled)
        uint24 revealRound; // last round revealed in
        uint24 voteRound; // last round voted in
        uint24 voteOrdinal; // per-round ordinal of the outcome voted for in voteRound
        uint24 missSettledRound; // missed rounds up to here are settled
        uint8 flags; // _WRONG_VOTE_SETTLED
    }

    /// @dev A participant's last commitment; one slot, rewritten by commit, read by reveal.
    struct Commitment {
        bytes28 hash; // the commitment's first 28 bytes (224 bits: 2^112 collision resistance)
        uint24 round; // round committed in
        uint8 flags; // _NO_REVEAL_SETTLED
    }

    /// @dev A participant's (or reporter's, or creator's) money and membership state; one slot,
    /// touched by claims, withdrawals, bounties and membership changes only.
    struct Account {
        uint96 rewards; // credited rewards and bounties, not yet withdrawn
        uint32 leaveRequestedAt; // unix time of requestLeave (0: none)
        ParticipantStatus status; // membership state
        uint120 claimedRounds; // bit r-1 set: round r (<= 120) claimed; later rounds in Rewards
    }

    /// @dev The WrongVote liability of `voteRound` has been settled.
    uint8 internal constant _WRONG_VOTE_SETTLED = 1;
    /// @dev The NoReveal liability of the commitment's round has been settled.
    uint8 internal constant _NO_REVEAL_SETTLED = 1;
    /// @dev Basis-point denominator.
    uint256 internal constant _BPS = 10_000;

    /// @dev Size of the arguments appended to every task's code by the factory:
    /// `abi.encode(factory, creator, rules, metadataStore)`, 22 words.
    uint256 internal constant _ARGS_SIZE = 22 * 32;
    /// @dev Index of the factory's word in the arguments.
    uint256 internal constant _ARGS_FACTORY_WORD = 0;
    /// @dev Index of the creator's word in the arguments.
    uint256 internal constant _ARGS_CREATOR_WORD = 1;
    /// @dev Index of the first TaskRules word in the arguments.
    uint256 internal constant _ARGS_RULES_WORD = 2;
    /// @dev Number of TaskRules words.
    uint256 internal constant _ARGS_RULES_WORDS = 19;
    /// @dev Index of the metadata store's word in the arguments.
    uint256 internal constant _ARGS_METADATA_WORD = 21;

    /// @dev The running round (one slot).
    RoundState internal _state;
    /// @dev Undistributed reward pool.
    uint128 internal _pool;
    /// @dev Sum of all participants' stakes.
    uint128 internal _totalStaked;
    /// @dev Rewards allocated to finalized rounds and not yet claimed (rounding dust stays here).
    uint128 internal _allocatedRewards;
    /// @dev Rewards credited to accounts (claims, bounties, reclaimed pool) and not yet withdrawn.
    uint128 internal _creditedRewards;
    /// @dev Participants active in the round after the current one, maintained on every
    /// join, leave and suspension so that a round starts without looping over participants.
    uint256 internal _nextActiveCount;
    /// @dev Digest of the global model: the latest finalized aggregate, or the initial model.
    /// One reused slot; each round's digest is in its RoundFinalized event.
    bytes32 internal _globalModelDigest;
    /// @dev Set once, by initialize (and by the implementation's constructor, to lock it).
    bool internal _initialized;

    mapping(address participant => Member member) internal _members;
    mapping(address participant => Commitment commitment) internal _commitments;
    mapping(address account => Account state) internal _accounts;
    mapping(uint256 round => RoundRecord record) internal _rounds;
    /// @dev Claim bits of rounds above 120, one bit per round (rounds up to 120 are in Account).
    mapping(address participant => mapping(uint256 word => uint256 bits)) internal _claimed;

    /// @dev Rounds up to this one are marked claimed in the claimer's Account slot, which a
    /// claim writes anyway (for the rewards): most tasks never touch a second slot.
    uint256 internal constant _ACCOUNT_CLAIM_ROUNDS = 120;

    /// @dev Marks `round` claimed for `participant` without paying: a wrong voter forfeits the
    /// round's reward, so a forged vote cannot be paired with honest work to come out ahead.
    function _forfeit(address participant, uint256 round) internal {
        if (round <= _ACCOUNT_CLAIM_ROUNDS) {
            _accounts[participant].claimedRounds |= uint120(1 << (round - 1));
        } else {
            _claimed[participant][round >> 8] |= 1 << (round & 255);
        }
    }

    /// @dev The rules are arguments appended to the task's own code by the factory: reading
    /// them costs a CODECOPY instead of cold storage reads, and nobody can change them. A memory
    /// struct of static members is laid out exactly like their ABI encoding (one word per
    /// member, in order), so the words are copied straight into it; the factory wrote them with
    /// abi.encode from a validated struct, so they are clean.
    function _rules() internal pure returns (TaskRules memory r) {
        assembly ("memory-safe") {
            r := mload(0x40)
            let size := mul(_ARGS_RULES_WORDS, 32)
            mstore(0x40, add(r, size))
            codecopy(r, add(sub(codesize(), _ARGS_SIZE), mul(_ARGS_RULES_WORD, 32)), size)
        }
    }

    /// @dev Word `index` of the appended arguments, as an address.
    function _argAddress(uint256 index) internal pure returns (address account) {
        assembly ("memory-safe") {
            codecopy(0, add(sub(codesize(), _ARGS_SIZE), mul(index, 32)), 32)
            account := mload(0)
        }
    }

    // The hot path (commit, reveal, vote) copies packed slots to memory and back through the
    // helpers below: one SLOAD and one SSTORE per slot. Solidity's own struct copies read and
    // write every member separately (~200 gas each) and inline that code at every use. Bit
    // offsets follow the declaration order of the members (first member in the lowest bits),
    // which is also how the cold paths' storage pointers see them.

    function _loadRound() internal view returns (RoundState memory s) {
        uint256 w;
        RoundState storage ref = _state;
        assembly ("memory-safe") {
            w := sload(ref.slot)
        }
        s.round = uint24(w);
        s.phase = Phase(uint8(w >> 24));
        s.deadline = uint32(w >> 32);
        s.activeCount = uint24(w >> 64);
        s.committedCount = uint24(w >> 88);
        s.revealedCount = uint24(w >> 112);
        s.revealedStake = uint96(w >> 136);
    }

    function _saveRound(RoundState memory s) internal {
        uint256 w = uint256(s.round) | uint256(s.phase) << 24 | uint256(s.deadline) << 32
            | uint256(s.activeCount) << 64 | uint256(s.committedCount) << 88 | uint256(s.revealedCount) << 112
            | uint256(s.revealedStake) << 136;
        RoundState storage ref = _state;
        assembly ("memory-safe") {
            sstore(ref.slot, w)
        }
    }

    function _loadMember(address participant) internal view returns (Member memory m) {
        uint256 w;
        Member storage ref = _members[participant];
        assembly ("memory-safe") {
            w := sload(ref.slot)
        }
        m.stake = uint96(w);
        m.joinRound = uint24(w >> 96);
        m.exitRound = uint24(w >> 120);
        m.revealRound = uint24(w >> 144);
        m.voteRound = uint24(w >> 168);
        m.voteOrdinal = uint24(w >> 192);
        m.missSettledRound = uint24(w >> 216);
        m.flags = uint8(w >> 240);
    }

    function _saveMember(address participant, Member memory m) internal {
        uint256 w = uint256(m.stake) | uint256(m.joinRound) << 96 | uint256(m.exitRound) << 120
            | uint256(m.revealRound) << 144 | uint256(m.voteRound) << 168 | uint256(m.voteOrdinal) << 192
            | uint256(m.missSettledRound) << 216 | uint256(m.flags) << 240;
        Member storage ref = _members[participant];
        assembly ("memory-safe") {
            sstore(ref.slot, w)
        }
    }

    function _loadCommitment(address participant) internal view returns (Commitment memory c) {
        uint256 w;
        Commitment storage ref = _commitments[participant];
        assembly ("memory-safe") {
            w := sload(ref.slot)
        }
        c.hash = bytes28(uint224(w));
        c.round = uint24(w >> 224);
        c.flags = uint8(w >> 248);
    }

    function _saveCommitment(address participant, Commitment memory c) internal {
        uint256 w = uint256(uint224(c.hash)) | uint256(c.round) << 224 | uint256(c.flags) << 248;
        Commitment storage ref = _commitments[participant];
        assembly ("memory-safe") {
            sstore(ref.slot, w)
        }
    }

    /// @dev Writes the second slot of a round's record in one SSTORE (see _loadRound).
    function _saveRecordSummary(
        uint256 round,
        uint256 reward,
        uint256 totalWeight,
        RoundStatus status,
        uint256 winningOrdinal
    ) internal {
        uint256 w = uint256(uint96(reward)) | uint256(uint96(totalWeight)) << 96
            | uint256(uint32(block.timestamp)) << 192 | uint256(status) << 224 | uint256(uint24(winningOrdinal)) << 232;
        RoundRecord storage ref = _rounds[round];
        assembly ("memory-safe") {
            sstore(add(ref.slot, 1), w)
        }
    }

    /// @dev Active in `round` iff joinRound <= round < exitRound (exitRound 0 = open-ended).
    function _isActiveIn(uint256 joinRound, uint256 exitRound, uint256 round) internal pure returns (bool) {
        return joinRound != 0 && joinRound <= round && (exitRound == 0 || round < exitRound);
    }

    /// @dev The Merkle leaf of (participant, accepted, weight), OpenZeppelin StandardMerkleTree
    /// style: hashing twice keeps a leaf from ever equalling an inner node (64-byte preimage).
    function _leaf(address participant, bool accepted, uint256 weight) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(participant, accepted, weight))));
    }
}
