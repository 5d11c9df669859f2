// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {TaskMetadata, TaskRules} from "../task/TaskTypes.sol";

/// @title ITaskFactory
/// @notice Creates federated-learning tasks as copies of one `FederatedTask` template's code.
interface ITaskFactory {
    /// @notice The stake token is the zero address.
    error TaskFactoryInvalidToken();
    /// @notice `numRounds` is 0 or above 16,777,214.
    error TaskFactoryInvalidRoundCount(uint256 numRounds);
    /// @notice A commit, reveal or vote duration is 0, or a duration exceeds 365 days.
    error TaskFactoryInvalidDuration();
    /// @notice `quorumBps` is not in (5000, 10000].
    error TaskFactoryInvalidQuorum(uint256 quorumBps);
    /// @notice A slash fraction or the reporter bounty `bps` exceeds 10000.
    error TaskFactoryInvalidBps(uint256 bps);
    /// @notice `minStake` is 0 or above 2^96 - 1.
    error TaskFactoryInvalidMinStake();
    /// @notice `sampleCap` is 0.
    error TaskFactoryInvalidSampleCap();
    /// @notice `minRevealers` is 0.
    error TaskFactoryInvalidMinRevealers();
    /// @notice `cid` is not a 36-byte CIDv1 (raw or dag-pb) with a sha2-256 multihash.
    error TaskFactoryInvalidCid(bytes cid);
    /// @notice `rewardPool` exceeds 2^96 - 1.
    error TaskFactoryPoolTooLarge(uint256 rewardPool);
    /// @notice The metadata is too large for a data contract (24,575 bytes), or a deployment failed.
    error TaskFactoryDeploymentFailed();

    /// @notice `creator` created `task`, staking and paying in `token`, funded with `rewardPool`.
    event TaskCreated(
        address indexed task,
        address indexed creator,
        address indexed token,
        uint256 rewardPool,
        TaskRules rules,
        bytes modelSpecCid,
        bytes initialModelCid,
        bytes validationSetCid,
        bytes aggregationParams
    );

    /// @notice Creates a task. Pulls `rewardPool` tokens from the caller into the new task, so the
    /// caller must approve this factory for `rules.token` first.
    /// @param taskRules The task's rules (see TaskRules).
    /// @param taskMetadata Model spec, initial model and validation set CIDs, aggregation parameters.
    /// @param rewardPool Tokens to fund the reward pool with.
    /// @return task The new task's address.
    function createTask(TaskRules calldata taskRules, TaskMetadata calldata taskMetadata, uint256 rewardPool)
        external
        returns (address task);

    /// @notice The FederatedTask template whose code every task copies (itself locked).
    /// @return account Template address.
    function implementation() external view returns (address account);

    /// @notice Number of tasks created.
    /// @return count Tasks so far.
    function taskCount() external view returns (uint256 count);

    /// @notice A page of tasks, oldest first.
    /// @param offset First index.
    /// @param limit Largest number of tasks returned.
    /// @return page Task addresses.
    function tasks(uint256 offset, uint256 limit) external view returns (address[] memory page);

    /// @notice Whether `account` is a task created by this factory.
    /// @param account Address to check.
    /// @return created True for this factory's tasks.
    function isTask(address account) external view returns (bool created);
}
