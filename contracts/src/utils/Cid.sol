// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

// A free function rather than a library, so that the compile script emits no artifact (and the
// build no Java wrapper) for it. Free functions have no visibility, hence no leading underscore.

/// @notice Reads the sha2-256 digest out of a binary CIDv1, so that the CID emitted in an event
/// and the 32-byte digest kept in storage are bound to each other by construction.
/// @dev Accepted: exactly 36 bytes = 0x01 (CIDv1), codec 0x55 (raw) or 0x70 (dag-pb), 0x12
/// (sha2-256), 0x20 (32-byte length), digest. These are the only CIDs the participants produce
/// (`cid-version=1`, `raw-leaves=true`); refusing other codecs stops a vote from naming bytes
/// that IPFS would interpret differently.
/// @param cid Binary CID.
/// @return digest The sha2-256 digest (zero if invalid).
/// @return valid Whether `cid` is accepted.
// solhint-disable-next-line private-vars-leading-underscore
function cidSha256Digest(bytes calldata cid) pure returns (bytes32 digest, bool valid) {
    if (cid.length != 36) return (bytes32(0), false);
    bytes4 prefix = bytes4(cid[0:4]);
    // 0x01 version, 0x55 raw or 0x70 dag-pb, 0x12 sha2-256, 0x20 length.
    if (prefix != 0x01551220 && prefix != 0x01701220) return (bytes32(0), false);
    return (bytes32(cid[4:36]), true);
}
