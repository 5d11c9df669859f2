// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title FedToken
/// @notice The ERC-20 that FedLedger devnets use for stakes and rewards. The deployer may mint,
/// so a local demo can fund its participants; FedLedger's task contracts accept any ERC-20 and
/// do not depend on this one. Supports ERC-2612 `permit`, so joining a task needs no separate
/// approve transaction.
contract FedToken is ERC20, ERC20Permit, Ownable {
    /// @param name_ Token name, e.g. "FedLedger Stake".
    /// @param symbol_ Token symbol, e.g. "FLS".
    constructor(string memory name_, string memory symbol_)
        ERC20(name_, symbol_)
        ERC20Permit(name_)
        Ownable(msg.sender)
    {}

    /// @notice Creates `amount` tokens for `to`. Only the deployer (owner) may mint.
    /// @param to Receiver of the new tokens.
    /// @param amount Amount in the token's smallest unit (18 decimals).
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
