package org.fedledger.cli;

import java.nio.file.Path;
import org.fedledger.keys.KeyException;
import org.fedledger.keys.KeySource;
import org.fedledger.keys.Keys;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Option;

/**
 * Which account signs, shared by the commands that send transactions: a Web3j keystore file with
 * its password from a file or an environment variable, or (devnet only) one of the devnet's
 * deterministic accounts. Keys are never printed.
 */
final class KeyOptions {
    @Option(names = "--keystore", paramLabel = "FILE",
            description = "Web3j (V3 JSON) keystore of the signing account (env FL_KEYSTORE).")
    Path keystore;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the keystore's password (default: env FL_KEYSTORE_PASSWORD).")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Environment variable holding the keystore's password (default: FL_KEYSTORE_PASSWORD).")
    String passwordEnv;

    @Option(names = "--dev-account", paramLabel = "N",
            description = "Sign with the devnet's deterministic account N (devnet only; env FL_DEV_ACCOUNT).")
    Integer devAccount;

    /** The signing account; {@code defaultDevAccount} applies when neither a keystore nor an account is named. */
    Credentials credentials(Integer defaultDevAccount) throws KeyException {
        return Keys.load(source(defaultDevAccount));
    }

    KeySource source(Integer defaultDevAccount) {
        Path file = keystore != null ? keystore : DataDirOption.env("FL_KEYSTORE").map(Path::of).orElse(null);
        Integer account = devAccount != null ? devAccount
                : DataDirOption.env("FL_DEV_ACCOUNT").map(Integer::parseInt).orElse(null);
        if (file != null && account != null) {
            throw new Failures.UserException("name either a keystore or a dev account, not both");
        }
        if (file != null) {
            KeySource.Password password = passwordFile != null ? KeySource.Password.fromFile(passwordFile)
                    : passwordEnv != null ? KeySource.Password.fromVariable(passwordEnv)
                    : KeySource.Password.fromDefaultVariable();
            return KeySource.keystore(file, password);
        }
        if (account != null) {
            return KeySource.devAccount(account);
        }
        if (defaultDevAccount != null) {
            return KeySource.devAccount(defaultDevAccount);
        }
        throw new Failures.UserException("no signing key: pass --keystore FILE (with --password-file FILE or "
                + "FL_KEYSTORE_PASSWORD), or --dev-account N on a devnet");
    }
}
