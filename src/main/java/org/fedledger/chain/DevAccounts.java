package org.fedledger.chain;

import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The deterministic accounts of a Ganache devnet started with {@code --wallet.deterministic}:
 * BIP-44 keys {@code m/44'/60'/0'/0/i} of Ganache's public test mnemonic. They hold test ether
 * only and are known to everyone; they exist for local devnets and tests, never for a real chain
 * (use a keystore there).
 */
public final class DevAccounts {
    /** Ganache's published deterministic mnemonic (see test-chain/README.md). */
    public static final String MNEMONIC =
            "myth like bonus scare over problem client lizard pioneer submit female collect";
    /** How many accounts test-chain/start.sh funds unless FL_DEVNET_ACCOUNTS says otherwise. */
    public static final int FUNDED = 20;

    private DevAccounts() {}

    /** The credentials of dev account {@code index} (0-based). */
    public static Credentials account(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index < 0: " + index);
        }
        int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT,
            Bip32ECKeyPair.HARDENED_BIT, 0, index};
        return Credentials.create(Bip32ECKeyPair.deriveKeyPair(Master.KEY, path));
    }

    /** The BIP-32 master key, derived once (PBKDF2 with 2048 rounds is not free). */
    private static final class Master {
        static final Bip32ECKeyPair KEY = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));
    }

    /** The first {@code count} dev accounts. */
    public static List<Credentials> accounts(int count) {
        List<Credentials> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(account(i));
        }
        return all;
    }
}
