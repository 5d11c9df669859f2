package org.fedledger.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.fedledger.keys.KeyException;
import org.fedledger.keys.KeySource;
import org.fedledger.keys.Keys;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which account signs, shared by the commands that send transactions: a Web3j keystore file with
 * its password from a file or an environment variable, or (devnet only) one of the devnet's
 * deterministic accounts. The keystore and the password file may also come from the
 * configuration file ({@link ConfigFile}) of the command's {@link ConnectionOptions}, below flags
 * and environment variables. Keys are never printed.
 */
final class KeyOptions {
    @Option(names = "--keystore", paramLabel = "FILE",
            description = "Web3j (V3 JSON) keystore of the signing account (env FL_KEYSTORE, config keystore).")
    Path keystore;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the keystore's password (env FL_PASSWORD_FILE; else the password in env "
                    + "FL_KEYSTORE_PASSWORD; else config password-file).")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Environment variable holding the keystore's password (default: FL_KEYSTORE_PASSWORD).")
    String passwordEnv;

    @Option(names = "--dev-account", paramLabel = "N",
            description = "Sign with the devnet's deterministic account N (devnet only; env FL_DEV_ACCOUNT).")
    Integer devAccount;

    /** The command this mixin is part of, to find its configuration file. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Environment lookups; tests replace it. */
    Function<String, Optional<String>> environment = DataDirOption::env;

    /** The signing account; {@code defaultDevAccount} applies when neither a keystore nor an account is named. */
    Credentials credentials(Integer defaultDevAccount) throws KeyException {
        return Keys.load(source(defaultDevAccount));
    }

    KeySource source(Integer defaultDevAccount) {
        Path file = keystore != null ? keystore : environment.apply("FL_KEYSTORE").map(Path::of).orElse(null);
        Integer account = devAccount != null ? devAccount
                : environment.apply("FL_DEV_ACCOUNT").map(KeyOptions::accountVariable).orElse(null);
        if (file != null && account != null) {
            throw new Failures.UserException("name either a keystore or a dev account, not both");
        }
        if (file == null && account == null) {
            file = config().path(ConfigFile.KEYSTORE).orElse(null);
        }
        if (file != null) {
            return KeySource.keystore(file, password());
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

    private KeySource.Password password() {
        if (passwordFile != null) {
            return KeySource.Password.fromFile(passwordFile);
        }
        if (passwordEnv != null) {
            return KeySource.Password.fromVariable(passwordEnv);
        }
        Optional<Path> file = environment.apply("FL_PASSWORD_FILE").map(Path::of);
        if (file.isPresent()) {
            return KeySource.Password.fromFile(file.get());
        }
        if (environment.apply(KeySource.DEFAULT_PASSWORD_VARIABLE).isPresent()) {
            return KeySource.Password.fromDefaultVariable();
        }
        return config().path(ConfigFile.PASSWORD_FILE).map(KeySource.Password::fromFile)
                .orElseGet(KeySource.Password::fromDefaultVariable);
    }

    /** The configuration file of the command's connection options, else the one the environment names. */
    private ConfigFile config() {
        if (mixee != null) {
            for (CommandSpec mixin : mixee.mixins().values()) {
                if (mixin.userObject() instanceof ConnectionOptions connection) {
                    return connection.config();
                }
            }
        }
        ConnectionOptions standalone = new ConnectionOptions();
        standalone.environment = environment;
        return standalone.config();
    }

    private static int accountVariable(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new Failures.UserException("FL_DEV_ACCOUNT=" + value + " is not an account number: fix or unset it");
        }
    }
}
