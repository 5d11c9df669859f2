package org.fedledger.keys;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.function.Function;
import org.fedledger.chain.DevAccounts;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * Loads a participant's signing key from its {@link KeySource}, and writes new keystores (for
 * {@code fl keys new} and tests). Each failure is a {@link KeyException} whose one-line message
 * names the file or variable at fault and what to do. Keys and passwords never appear in a
 * message: a malformed keystore is reported by line and column, not by its content.
 */
public final class Keys {
    /** How many dev accounts the devnet funds, when not {@link DevAccounts#FUNDED} (test-chain/start.sh). */
    static final String DEVNET_ACCOUNTS_VARIABLE = "FL_DEVNET_ACCOUNTS";
    /** What Web3j's {@code Wallet.decrypt} says when the keystore's MAC does not match the password. */
    private static final String WRONG_PASSWORD = "Invalid password provided";
    private static final String WHAT_TO_PASS = "pass a V3 keystore file such as `fl keys new` writes";

    private Keys() {}

    /** The credentials {@code source} names, with passwords from the process environment. */
    public static Credentials load(KeySource source) throws KeyException {
        return load(source, System::getenv);
    }

    /** As {@link #load(KeySource)}, with {@code environment} in place of the process environment. */
    static Credentials load(KeySource source, Function<String, String> environment) throws KeyException {
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(environment, "environment == null");
        if (source instanceof KeySource.DevAccount dev) {
            return devAccount(dev.index(), environment);
        }
        return keystore((KeySource.Keystore) source, environment);
    }

    /**
     * Writes a keystore of a fresh random key into {@code directory} (created if missing),
     * encrypted with the password {@code password} names; returns the new file.
     */
    public static Path createKeystore(Path directory, KeySource.Password password) throws KeyException {
        return createKeystore(directory, password, System::getenv);
    }

    /** As {@link #createKeystore(Path, KeySource.Password)}, with {@code environment} in place of the process environment. */
    static Path createKeystore(Path directory, KeySource.Password password, Function<String, String> environment)
            throws KeyException {
        Objects.requireNonNull(password, "password == null");
        return createKeystore(directory, newKeyPair(), password(password, environment, "the new keystore"));
    }

    /**
     * Writes a keystore of {@code key} into {@code directory} (created if missing), encrypted
     * with {@code password} using Web3j's light scrypt parameters, readable by its owner only;
     * returns the new file, named {@code UTC--<time>--<address>.json} as Geth names them.
     */
    public static Path createKeystore(Path directory, ECKeyPair key, String password) throws KeyException {
        Objects.requireNonNull(directory, "directory == null");
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(password, "password == null");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password is empty");
        }
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(WalletUtils.generateWalletFile(password, key, directory.toFile(), false));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps its directory's access rules
            }
            return file;
        } catch (IOException | CipherException e) {
            throw new KeyException("cannot write a keystore into " + directory + " (" + firstLine(e)
                    + "): check that the directory is writable", e);
        }
    }

    private static Credentials devAccount(int index, Function<String, String> environment) throws KeyException {
        int funded = fundedDevAccounts(environment);
        if (index < 0 || index >= funded) {
            throw new KeyException("dev account " + index + " does not exist: use 0 to " + (funded - 1)
                    + " (the devnet funds " + funded + " accounts; " + DEVNET_ACCOUNTS_VARIABLE + " changes that)");
        }
        return DevAccounts.account(index);
    }

    private static int fundedDevAccounts(Function<String, String> environment) throws KeyException {
        String value = environment.apply(DEVNET_ACCOUNTS_VARIABLE);
        if (value == null || value.isBlank()) {
            return DevAccounts.FUNDED;
        }
        try {
            int funded = Integer.parseInt(value.strip());
            if (funded > 0) {
                return funded;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new KeyException(DEVNET_ACCOUNTS_VARIABLE + "=" + value + " is not a positive number of accounts: unset it or fix it");
    }

    private static Credentials keystore(KeySource.Keystore source, Function<String, String> environment)
            throws KeyException {
        Path file = source.file();
        if (Files.notExists(file)) {
            throw new KeyException("keystore file " + file + " does not exist: check the path, or create one with `fl keys new`");
        }
        String password = password(source.password(), environment, "keystore " + file);
        try {
            return WalletUtils.loadCredentials(password, file.toFile());
        } catch (JsonProcessingException e) {
            // Not e's message: Jackson quotes the offending token, which may be a raw private key.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new KeyException("keystore file " + file + " is not a V3 keystore (unexpected JSON" + where + "): "
                    + WHAT_TO_PASS);
        } catch (IOException e) {
            throw new KeyException("cannot read keystore file " + file + " (" + firstLine(e)
                    + "): check the path and the file's permissions", e);
        } catch (CipherException e) {
            if (WRONG_PASSWORD.equals(e.getMessage())) {
                throw new KeyException("wrong password for keystore " + file + " (read from " + describe(source.password())
                        + "): check --password-file / " + variable(source.password()));
            }
            throw new KeyException("keystore file " + file + " is not a supported V3 keystore (" + e.getMessage() + "): "
                    + WHAT_TO_PASS);
        } catch (RuntimeException e) {
            throw new KeyException("keystore file " + file + " is not a V3 keystore (fields are missing or malformed): "
                    + WHAT_TO_PASS);
        }
    }

    /** The password {@code source} holds; {@code forWhat} names what it unlocks, for messages. */
    private static String password(KeySource.Password source, Function<String, String> environment, String forWhat)
            throws KeyException {
        if (source instanceof KeySource.Password.FromFile fromFile) {
            Path file = fromFile.file();
            String text;
            try {
                text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new KeyException("password file " + file + " does not exist: check --password-file");
            } catch (IOException e) {
                throw new KeyException("cannot read password file " + file + " (" + firstLine(e)
                        + "): check --password-file and the file's permissions", e);
            }
            text = text.replaceFirst("[\r\n]+$", "");
            if (text.isEmpty()) {
                throw new KeyException("password file " + file + " is empty: write the password of " + forWhat
                        + " into it (a trailing newline is ignored)");
            }
            return text;
        }
        String name = ((KeySource.Password.FromVariable) source).name();
        String value = environment.apply(name);
        if (value == null) {
            throw new KeyException("no password for " + forWhat + ": pass --password-file PATH or set " + name);
        }
        if (value.isEmpty()) {
            throw new KeyException(name + " is empty: set it to the password of " + forWhat + ", or pass --password-file PATH");
        }
        return value;
    }

    private static String describe(KeySource.Password source) {
        return source instanceof KeySource.Password.FromFile f ? "password file " + f.file()
                : "variable " + ((KeySource.Password.FromVariable) source).name();
    }

    private static String variable(KeySource.Password source) {
        return source instanceof KeySource.Password.FromVariable v ? v.name() : KeySource.DEFAULT_PASSWORD_VARIABLE;
    }

    private static ECKeyPair newKeyPair() throws KeyException {
        try {
            return org.web3j.crypto.Keys.createEcKeyPair();
        } catch (GeneralSecurityException e) {
            throw new KeyException("cannot generate a key (" + firstLine(e) + "): check the JVM's security providers", e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
