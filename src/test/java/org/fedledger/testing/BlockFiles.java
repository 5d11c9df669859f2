package org.fedledger.testing;

import org.fedledger.storage.Cid;

/**
 * Where a flat-file IPFS block store (js-ipfs and Kubo alike) keeps a block: the key is the
 * RFC 4648 base32 (upper case, no padding) of the block's multihash, in a folder named after
 * the key's next-to-last two characters.
 */
final class BlockFiles {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private BlockFiles() {}

    static String key(Cid cid) {
        byte[] digest = cid.digest();
        byte[] multihash = new byte[digest.length + 2];
        multihash[0] = 0x12; // sha2-256
        multihash[1] = 0x20; // 32 bytes
        System.arraycopy(digest, 0, multihash, 2, digest.length);
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : multihash) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    static String shard(Cid cid) {
        String key = key(cid);
        return key.substring(key.length() - 3, key.length() - 1);
    }
}
