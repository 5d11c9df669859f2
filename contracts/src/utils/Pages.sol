// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

// A free function, like cidSha256Digest in Cid.sol: no artifact, no wrapper. Used by the views
// that list tasks and participants.

/// @notice The page `list[offset .. offset + limit)`, cut at the list's end; empty past it.
/// @dev For views only: the copy is bounded by `limit`, which the caller chooses.
/// @param list The storage array to read.
/// @param offset First index.
/// @param limit Largest number of entries returned.
/// @return page The entries.
// solhint-disable-next-line private-vars-leading-underscore
function pageOf(address[] storage list, uint256 offset, uint256 limit) view returns (address[] memory page) {
    uint256 length = list.length;
    if (offset >= length) return new address[](0);
    uint256 end = length - offset < limit ? length : offset + limit;
    page = new address[](end - offset);
    for (uint256 i = offset; i < end; ++i) {
        page[i - offset] = list[i];
    }
}
