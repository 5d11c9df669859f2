// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {FederatedTask} from "./FederatedTask.sol";
import {IFederatedTask} from "./interfaces/IFederatedTask.sol";
import {ITaskFactory} from "./interfaces/ITaskFactory.sol";
import {cidSha256Digest} from "./utils/Cid.sol";
import {TaskMetadata, TaskRules} from "./task/TaskTypes.sol";
import {pageOf} from "./utils/Pages.sol";

/// @title TaskFactory
/// @notice Creates tasks, funds them and keeps a list. Each task is a copy of one FederatedTask
/// template's code with the task's rules appended (`abi.encode(factory, creator, rules,
/// metadataStore)`), and its CIDs go into a small data contract (`metadataStore`).
/// @dev Why copies rather than EIP-1167 proxies: a proxy's DELEGATECALL to the (cold)
/// implementation costs ~2.7k gas on every commit, reveal, vote and claim, about 5% of a
/// participant's gas per round; a copy costs ~5M gas once, at creation. The factory validates
/// the rules; a task trusts rules only from the factory that created it (checked in
/// `initialize`). Clients should only trust tasks for which `isTask` is true.
contract TaskFactory is ITaskFactory, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @dev Rounds are uint24 in storage and a leaver's exit round is numRounds + 1.
    uint256 private constant _MAX_ROUNDS = type(uint24).max - 1;
    /// @dev Deadlines are uint32 unix times; a year keeps `now + duration` far from overflow.
    uint256 private constant _MAX_DURATION = 365 days;
    uint256 private constant _BPS = 10_000;

    /// @dev Size of the arguments appended to a task's code (22 words; see TaskStorage).
    uint256 private constant _ARGS_SIZE = 22 * 32;
    /// @dev Length of the loader that prefixes the arguments in a task's creation code.
    uint256 private constant _LOADER_SIZE = 44;

    address private immutable _IMPLEMENTATION;
    address[] private _tasks;
    mapping(address account => bool created) private _isTask;

    constructor() {
        _IMPLEMENTATION = address(new FederatedTask());
    }

    /// @inheritdoc ITaskFactory
    function createTask(TaskRules calldata taskRules, TaskMetadata calldata taskMetadata, uint256 rewardPool)
        external
        nonReentrant
        returns (address task)
    {
        _validateRules(taskRules);
        _validateMetadata(taskMetadata);
        if (rewardPool > type(uint96).max) revert TaskFactoryPoolTooLarge(rewardPool);
        address metadataStore = _deployData(abi.encode(taskMetadata));
        task = _deployCopy(abi.encode(address(this), msg.sender, taskRules, metadataStore));
        _tasks.push(task);
        _isTask[task] = true;
        if (rewardPool != 0) taskRules.token.safeTransferFrom(msg.sender, task, rewardPool);
        (bytes32 initialModelDigest,) = cidSha256Digest(taskMetadata.initialModelCid);
        uint256 booked = IFederatedTask(task).initialize(initialModelDigest);
        _emitCreated(task, booked, taskRules, taskMetadata);
    }

    /// @inheritdoc ITaskFactory
    function implementation() external view returns (address account) {
        return _IMPLEMENTATION;
    }

    /// @inheritdoc ITaskFactory
    function taskCount() external view returns (uint256 count) {
        return _tasks.length;
    }

    /// @inheritdoc ITaskFactory
    function tasks(uint256 offset, uint256 limit) external view returns (address[] memory page) {
        return pageOf(_tasks, offset, limit);
    }

    /// @inheritdoc ITaskFactory
    function isTask(address account) external view returns (bool created) {
        return _isTask[account];
    }

    /// @dev Deploys a copy of the template's runtime code followed by `args`. The creation
    /// code is a 44-byte loader followed by `args`:
    ///   EXTCODECOPY(template, 0, 0, codeSize)      copy the template's runtime code
    ///   CODECOPY(codeSize, 44, 704)                append the arguments
    ///   RETURN(0, codeSize + 704)
    /// No constructor runs: storage starts empty and `initialize` sets it up.
    function _deployCopy(bytes memory args) private returns (address task) {
        address template = _IMPLEMENTATION;
        uint16 codeSize = uint16(template.code.length);
        bytes memory creationCode = abi.encodePacked(
            hex"61", codeSize, hex"60006000", hex"73", template, hex"3c",
            hex"61", uint16(_ARGS_SIZE), hex"60", uint8(_LOADER_SIZE), hex"61", codeSize, hex"39",
            hex"61", uint16(codeSize + _ARGS_SIZE), hex"6000f3", args
        );
        assembly ("memory-safe") {
            task := create(0, add(creationCode, 32), mload(creationCode))
        }
        if (task == address(0)) revert TaskFactoryDeploymentFailed();
    }

    /// @dev Deploys a data contract whose code is a STOP byte followed by `data` (read back with
    /// EXTCODECOPY). Creation code: PUSH2 n, DUP1, PUSH1 12, PUSH1 0, CODECOPY, PUSH1 0, RETURN.
    function _deployData(bytes memory data) private returns (address store) {
        // EIP-170: code is at most 24,576 bytes (this also keeps the PUSH2 length exact).
        if (data.length >= 24_576) revert TaskFactoryDeploymentFailed();
        bytes memory creationCode =
            abi.encodePacked(hex"61", uint16(data.length + 1), hex"80600c6000396000f3", hex"00", data);
        assembly ("memory-safe") {
            store := create(0, add(creationCode, 32), mload(creationCode))
        }
        if (store == address(0)) revert TaskFactoryDeploymentFailed();
    }

    function _emitCreated(address task, uint256 rewardPool, TaskRules calldata r, TaskMetadata calldata m) private {
        emit TaskCreated(
            task,
            msg.sender,
            address(r.token),
            rewardPool,
            r,
            m.modelSpecCid,
            m.initialModelCid,
            m.validationSetCid,
            m.aggregationParams
        );
    }

    function _validateRules(TaskRules calldata r) private pure {
        if (address(r.token) == address(0)) revert TaskFactoryInvalidToken();
        if (r.numRounds == 0 || r.numRounds > _MAX_ROUNDS) revert TaskFactoryInvalidRoundCount(r.numRounds);
        if (r.commitDuration == 0 || r.revealDuration == 0 || r.voteDuration == 0) revert TaskFactoryInvalidDuration();
        if (
            r.registrationDuration > _MAX_DURATION || r.commitDuration > _MAX_DURATION
                || r.revealDuration > _MAX_DURATION || r.voteDuration > _MAX_DURATION || r.leaveCooldown > _MAX_DURATION
        ) revert TaskFactoryInvalidDuration();
        // A quorum above half the revealed stake means two outcomes can never both finalize and
        // a minority can never outvote the majority.
        if (r.quorumBps <= _BPS / 2 || r.quorumBps > _BPS) revert TaskFactoryInvalidQuorum(r.quorumBps);
        _validateBps(r.noRevealSlashBps);
        _validateBps(r.rejectedSlashBps);
        _validateBps(r.wrongVoteSlashBps);
        _validateBps(r.missedRoundsSlashBps);
        _validateBps(r.reporterBountyBps);
        if (r.minStake == 0) revert TaskFactoryInvalidMinStake();
        if (r.sampleCap == 0) revert TaskFactoryInvalidSampleCap();
        if (r.minRevealers == 0) revert TaskFactoryInvalidMinRevealers();
    }

    function _validateMetadata(TaskMetadata calldata m) private pure {
        _validateCid(m.modelSpecCid);
        _validateCid(m.initialModelCid);
        if (m.validationSetCid.length != 0) _validateCid(m.validationSetCid);
    }

    function _validateCid(bytes calldata cid) private pure {
        (, bool valid) = cidSha256Digest(cid);
        if (!valid) revert TaskFactoryInvalidCid(cid);
    }

    function _validateBps(uint256 bps) private pure {
        if (bps > _BPS) revert TaskFactoryInvalidBps(bps);
    }
}
