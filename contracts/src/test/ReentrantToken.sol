// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken
/// @notice TEST FIXTURE ONLY, never deploy outside tests: a mintable ERC-20 that, once armed,
/// calls `target` with `data` from inside its next transfer into or out of `target`, and
/// re-raises whatever that call reverted with. Used to show that every transfer path of a task
/// refuses re-entry (OpenZeppelin's `ReentrancyGuardReentrantCall()`) and leaves state intact.
contract ReentrantToken is ERC20 {
    address private _target;
    bytes private _data;

    /// @notice Emitted when the armed call ran and succeeded (a failed re-entry reverts instead).
    event ReentryCallSucceeded(address indexed target);

    constructor() ERC20("Reentrant Test Token", "RTT") {}

    /// @notice Mints `amount` to `to`; anyone may mint (test token).
    /// @param to Receiver.
    /// @param amount Amount.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms one re-entrant call of `target` with `data`, made during the next transfer
    /// whose sender or receiver is `target`.
    /// @param target Contract to re-enter (the task).
    /// @param data Calldata, e.g. `withdrawRewards()`.
    function arm(address target, bytes calldata data) external {
        _target = target;
        _data = data;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address target = _target;
        if (target == address(0) || (from != target && to != target)) return;
        _target = address(0); // one shot, so the re-entered call's own transfers do not recurse
        // The whole point of this fixture is an arbitrary call back into the target.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory returned) = target.call(_data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(returned, 32), mload(returned))
            }
        }
        emit ReentryCallSucceeded(target);
    }
}
