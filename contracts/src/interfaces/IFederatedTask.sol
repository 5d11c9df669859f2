// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {Accounting, TaskMetadata, TaskRules} from "../task/TaskTypes.sol";
import {IMembership} from "./IMembership.sol";
import {IRewards} from "./IRewards.sol";
import {IRounds} from "./IRounds.sol";
import {ISlashing} from "./ISlashing.sol";
import {IVoting} from "./IVoting.sol";

// Bases are listed in the order the modules stack (Slashing <- Membership <- Rounds <- Voting <-
// Rewards), reversed, so that FederatedTask's inheritance graph linearizes.

/// @title IFederatedTask
/// @notice One federated-learning task: its rules, its participants' stakes, its rounds and its
/// money. Created by `TaskFactory` as a copy of one template's code with the task's rules
/// appended to it.
interface IFederatedTask is IRewards, IVoting, IRounds, IMembership, ISlashing {
    /// @notice The task was already initialized.
    error FederatedTaskAlreadyInitialized();
    /// @notice Only the factory that created the task may initialize it; `caller` is not it.
    error FederatedTaskUnauthorized(address caller);

    /// @notice The task started with a pool of `rewardPool`; round 1 may start at `registrationDeadline`.
    event TaskInitialized(address indexed creator, uint256 rewardPool, uint256 registrationDeadline);

    /// @notice Books the tokens already transferred in as the reward pool and opens registration.
    /// Called once, by the factory, in the creating transaction.
    /// @param initialModelDigest sha2-256 digest of the initial model (from its CID).
    /// @return rewardPool The pool booked.
    function initialize(bytes32 initialModelDigest) external returns (uint256 rewardPool);

    /// @notice The task's rules.
    /// @return taskRules Fixed at creation.
    function rules() external pure returns (TaskRules memory taskRules);

    /// @notice The task's CIDs and aggregation parameters.
    /// @return taskMetadata As given at creation.
    function metadata() external view returns (TaskMetadata memory taskMetadata);

    /// @notice Who created and funded the task.
    /// @return account The creator.
    function creator() external pure returns (address account);

    /// @notice The factory that created the task.
    /// @return account The factory.
    function factory() external pure returns (address account);

    /// @notice The components of the token conservation law.
    /// @return accounts Balance, stakes, allocated and credited rewards, pool.
    function accounting() external view returns (Accounting memory accounts);
}
