// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {IFederatedTask} from "./interfaces/IFederatedTask.sol";
import {Rewards} from "./task/Rewards.sol";
import {Accounting, Phase, RoundState, TaskMetadata, TaskRules} from "./task/TaskTypes.sol";

/// @title FederatedTask
/// @notice One federated-learning task. Deployed once by the factory as a template; every task
/// is a copy of the template's code with the task's rules appended, initialized by the factory
/// in the transaction that creates it. The creator has no function that touches rounds.
/// @dev The concerns live in one abstract contract each: Membership (stakes), Rounds (phases,
/// commit, reveal), Voting (outcomes, quorum), Rewards (claims, withdrawals), Slashing.
contract FederatedTask is IFederatedTask, Rewards {
    /// @dev Locks the template itself: it can never be initialized, so it stays in Phase.None,
    /// in which every action reverts (it has no appended arguments; its rules read as garbage).
    constructor() {
        _initialized = true;
    }

    /// @inheritdoc IFederatedTask
    function initialize(bytes32 initialModelDigest) external returns (uint256 rewardPool) {
        if (_initialized) revert FederatedTaskAlreadyInitialized();
        if (msg.sender != _argAddress(_ARGS_FACTORY_WORD)) revert FederatedTaskUnauthorized(msg.sender);
        TaskRules memory r = _rules();
        _initialized = true;
        _globalModelDigest = initialModelDigest;
        // The pool is what the task holds now: the factory's transfer, net of any token fee.
        // (Before this call the task is in Phase.None, so a token calling back into it during
        // that transfer could not have joined, staked or advanced anything.)
        rewardPool = r.token.balanceOf(address(this));
        _pool = uint128(rewardPool);
        uint256 deadline = block.timestamp + r.registrationDuration;
        _state = RoundState({
            round: 0,
            phase: Phase.Registration,
            deadline: uint32(deadline),
            activeCount: 0,
            committedCount: 0,
            revealedCount: 0,
            revealedStake: 0
        });
        emit TaskInitialized(_argAddress(_ARGS_CREATOR_WORD), rewardPool, deadline);
        emit PhaseAdvanced(0, Phase.Registration, deadline);
    }

    /// @inheritdoc IFederatedTask
    function rules() external pure returns (TaskRules memory) {
        // The appended arguments hold the ABI encoding of the static struct: return those words
        // as they are instead of decoding and re-encoding them.
        assembly ("memory-safe") {
            let size := mul(_ARGS_RULES_WORDS, 32)
            let ptr := mload(0x40)
            codecopy(ptr, add(sub(codesize(), _ARGS_SIZE), mul(_ARGS_RULES_WORD, 32)), size)
            return(ptr, size)
        }
    }

    /// @inheritdoc IFederatedTask
    function metadata() external view returns (TaskMetadata memory) {
        // The metadata store's code is a STOP byte followed by abi.encode(metadata), which is
        // exactly the ABI encoding of this function's return value.
        address store = _argAddress(_ARGS_METADATA_WORD);
        assembly ("memory-safe") {
            let size := sub(extcodesize(store), 1)
            let ptr := mload(0x40)
            extcodecopy(store, ptr, 1, size)
            return(ptr, size)
        }
    }

    /// @inheritdoc IFederatedTask
    function creator() external pure returns (address account) {
        return _argAddress(_ARGS_CREATOR_WORD);
    }

    /// @inheritdoc IFederatedTask
    function factory() external pure returns (address account) {
        return _argAddress(_ARGS_FACTORY_WORD);
    }

    /// @inheritdoc IFederatedTask
    function accounting() external view returns (Accounting memory accounts) {
        return Accounting({
            balance: _rules().token.balanceOf(address(this)),
            totalStaked: _totalStaked,
            allocatedRewards: _allocatedRewards,
            creditedRewards: _creditedRewards,
            pool: _pool
        });
    }
}
