package org.fedledger.keys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.fedledger.chain.DevAccounts;
import org.fedledger.keys.KeySource.Password;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

class KeysTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String WRONG = "hunter2-wrong";
    private static final ECKeyPair KEY = DevAccounts.account(7).getEcKeyPair();
    private static final String KEY_HEX = Numeric.toHexStringNoPrefixZeroPadded(KEY.getPrivateKey(), 64);
    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path dir;
    private Path keystore;

    @BeforeEach
    void writeKeystore() throws Exception {
        keystore = Keys.createKeystore(dir.resolve("keys"), KEY, PASSWORD);
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, UTF_8);
    }

    private static Function<String, String> env(String name, String value) {
        return Map.of(name, value)::get;
    }

    /** Asserts the call fails with a one-line KeyException that gives away neither the key nor a password. */
    private static KeyException failure(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(KeyException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n");
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContainIgnoringCase(KEY_HEX).doesNotContain(PASSWORD).doesNotContain(WRONG);
        }
        return (KeyException) thrown;
    }

    @Test
    void loadsAKeystoreWithThePasswordFileLessItsTrailingNewline() throws Exception {
        Path unix = file("pw-unix", PASSWORD + "\n");
        Path windows = file("pw-windows", PASSWORD + "\r\n");

        Credentials fromUnix = Keys.load(KeySource.keystore(keystore, Password.fromFile(unix)), NO_ENV);
        Credentials fromWindows = Keys.load(KeySource.keystore(keystore, Password.fromFile(windows)), NO_ENV);

        assertThat(fromUnix.getEcKeyPair().getPrivateKey()).isEqualTo(KEY.getPrivateKey());
        assertThat(fromWindows.getAddress()).isEqualTo(DevAccounts.account(7).getAddress());
    }

    @Test
    void loadsAKeystoreWithThePasswordFromTheDefaultOrANamedVariable() throws Exception {
        Credentials byDefault = Keys.load(KeySource.keystore(keystore, Password.fromDefaultVariable()),
                env("FL_KEYSTORE_PASSWORD", PASSWORD));
        Credentials byName = Keys.load(KeySource.keystore(keystore, Password.fromVariable("ALICE_PW")),
                env("ALICE_PW", PASSWORD));

        assertThat(byDefault.getEcKeyPair().getPrivateKey()).isEqualTo(KEY.getPrivateKey());
        assertThat(byName.getEcKeyPair().getPrivateKey()).isEqualTo(KEY.getPrivateKey());
    }

    @Test
    void aMissingKeystoreSaysHowToCreateOne() {
        Path missing = dir.resolve("nope.json");

        assertThat(failure(() -> Keys.load(KeySource.keystore(missing, Password.fromDefaultVariable()),
                env("FL_KEYSTORE_PASSWORD", PASSWORD))))
                .hasMessage("keystore file " + missing + " does not exist: check the path, or create one with `fl keys new`");
    }

    @Test
    void anUnreadableKeystoreNamesTheFile() {
        Path directory = dir.resolve("keys");

        assertThat(failure(() -> Keys.load(KeySource.keystore(directory, Password.fromDefaultVariable()),
                env("FL_KEYSTORE_PASSWORD", PASSWORD))))
                .hasMessageStartingWith("cannot read keystore file " + directory + " (")
                .hasMessageEndingWith("): check the path and the file's permissions");
    }

    @Test
    void malformedJsonIsReportedByPositionNotByContent() throws Exception {
        Path rawKey = file("raw-key.json", "{\"version\": 3,\n  " + KEY_HEX + "\n}");

        assertThat(failure(() -> Keys.load(KeySource.keystore(rawKey, Password.fromDefaultVariable()),
                env("FL_KEYSTORE_PASSWORD", PASSWORD))))
                .hasMessageStartingWith("keystore file " + rawKey + " is not a V3 keystore (unexpected JSON at line ")
                .hasMessageMatching(".*at line [23], column \\d+\\): pass a V3 keystore file such as `fl keys new` writes")
                .hasNoCause();
    }

    @Test
    void jsonThatIsNotAKeystoreIsRefused() throws Exception {
        Path empty = file("empty-object.json", "{}");
        Path noCrypto = file("no-crypto.json", "{\"version\": 3, \"address\": \"00\"}");

        assertThat(failure(() -> Keys.load(KeySource.keystore(empty, Password.fromFile(file("pw", PASSWORD))), NO_ENV)))
                .hasMessage("keystore file " + empty + " is not a supported V3 keystore (Wallet version is not supported): "
                        + "pass a V3 keystore file such as `fl keys new` writes");
        assertThat(failure(() -> Keys.load(KeySource.keystore(noCrypto, Password.fromFile(file("pw", PASSWORD))), NO_ENV)))
                .hasMessage("keystore file " + noCrypto + " is not a V3 keystore (fields are missing or malformed): "
                        + "pass a V3 keystore file such as `fl keys new` writes");
    }

    @Test
    void aWrongPasswordNamesWhereItCameFrom() throws Exception {
        Path wrongFile = file("wrong-pw", WRONG + "\n");

        assertThat(failure(() -> Keys.load(KeySource.keystore(keystore, Password.fromFile(wrongFile)), NO_ENV)))
                .hasMessage("wrong password for keystore " + keystore + " (read from password file " + wrongFile
                        + "): check --password-file / FL_KEYSTORE_PASSWORD");
        assertThat(failure(() -> Keys.load(KeySource.keystore(keystore, Password.fromVariable("ALICE_PW")),
                env("ALICE_PW", WRONG))))
                .hasMessage("wrong password for keystore " + keystore + " (read from variable ALICE_PW): "
                        + "check --password-file / ALICE_PW");
    }

    @Test
    void noPasswordSaysHowToGiveOne() {
        assertThat(failure(() -> Keys.load(KeySource.keystore(keystore, Password.fromDefaultVariable()), NO_ENV)))
                .hasMessage("no password for keystore " + keystore + ": pass --password-file PATH or set FL_KEYSTORE_PASSWORD");
        assertThat(failure(() -> Keys.load(KeySource.keystore(keystore, Password.fromDefaultVariable()),
                env("FL_KEYSTORE_PASSWORD", ""))))
                .hasMessage("FL_KEYSTORE_PASSWORD is empty: set it to the password of keystore " + keystore
                        + ", or pass --password-file PATH");
    }

    @Test
    void anEmptyMissingOrUnreadablePasswordFileIsReported() throws Exception {
        Path empty = file("empty-pw", "\n");
        Path missing = dir.resolve("no-such-pw");
        Path directory = dir.resolve("keys");

        assertThat(failure(() -> Keys.load(KeySource.keystore(keystore, Password.fromFile(empty)), NO_ENV)))
                .hasMessage("password file " + empty + " is empty: write the password of keystore " + keystore
                        + " into it (a trailing newline is ignored)");
        assertThat(failure(() -> Keys.load(KeySource.keystore(keystore, Password.fromFile(missing)), NO_ENV)))
                .hasMessage("password file " + missing + " does not exist: check --password-file");
        assertThat(failure(() -> Keys.load(KeySource.keystore(keystore, Password.fromFile(directory)), NO_ENV)))
                .hasMessageStartingWith("cannot read password file " + directory + " (")
                .hasMessageEndingWith("): check --password-file and the file's permissions");
    }

    @Test
    void devAccountsAreGanachesDeterministicAccountsWithinTheFundedRange() throws Exception {
        assertThat(Keys.load(KeySource.devAccount(0), NO_ENV)).isEqualTo(DevAccounts.account(0));
        assertThat(Keys.load(KeySource.devAccount(19), NO_ENV)).isEqualTo(DevAccounts.account(19));
        assertThat(Keys.load(KeySource.devAccount(24), env("FL_DEVNET_ACCOUNTS", "25"))).isEqualTo(DevAccounts.account(24));

        assertThat(failure(() -> Keys.load(KeySource.devAccount(20), NO_ENV)))
                .hasMessage("dev account 20 does not exist: use 0 to 19 (the devnet funds 20 accounts; "
                        + "FL_DEVNET_ACCOUNTS changes that)");
        assertThat(failure(() -> Keys.load(KeySource.devAccount(-1), NO_ENV)))
                .hasMessageStartingWith("dev account -1 does not exist: use 0 to 19");
        assertThat(failure(() -> Keys.load(KeySource.devAccount(1), env("FL_DEVNET_ACCOUNTS", "many"))))
                .hasMessage("FL_DEVNET_ACCOUNTS=many is not a positive number of accounts: unset it or fix it");
    }

    @Test
    void aNewKeystoreHoldsAFreshKeyReadableByItsOwnerOnly() throws Exception {
        Path passwordFile = file("pw", PASSWORD + "\n");

        Path first = Keys.createKeystore(dir.resolve("new"), Password.fromFile(passwordFile));
        Path second = Keys.createKeystore(dir.resolve("new"), Password.fromVariable("PW"), env("PW", PASSWORD));

        Credentials one = Keys.load(KeySource.keystore(first, Password.fromFile(passwordFile)), NO_ENV);
        Credentials two = Keys.load(KeySource.keystore(second, Password.fromFile(passwordFile)), NO_ENV);
        assertThat(one.getAddress()).isNotEqualTo(two.getAddress());
        assertThat(first.getFileName().toString()).startsWith("UTC--")
                .endsWith("--" + one.getAddress().substring(2).toLowerCase() + ".json");
        assertThat(Files.getPosixFilePermissions(first)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(first)).contains("\"n\":4096").doesNotContainIgnoringCase(
                Numeric.toHexStringNoPrefixZeroPadded(one.getEcKeyPair().getPrivateKey(), 64));
    }

    @Test
    void creatingAKeystoreNeedsAPasswordAndAWritableDirectory() throws Exception {
        Path notADirectory = file("plain-file", "x");

        assertThat(failure(() -> Keys.createKeystore(dir.resolve("new"), Password.fromDefaultVariable(), NO_ENV)))
                .hasMessage("no password for the new keystore: pass --password-file PATH or set FL_KEYSTORE_PASSWORD");
        assertThat(failure(() -> Keys.createKeystore(notADirectory, KEY, PASSWORD)))
                .hasMessageStartingWith("cannot write a keystore into " + notADirectory + " (")
                .hasMessageEndingWith("): check that the directory is writable");
        assertThatThrownBy(() -> Keys.createKeystore(dir, KEY, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keySourcesPrintNoSecretAndRejectBlankNames() {
        KeySource source = KeySource.keystore(keystore, Password.fromFile(dir.resolve("pw")));

        assertThat(source.toString()).contains(keystore.toString()).doesNotContain(PASSWORD).doesNotContainIgnoringCase(KEY_HEX);
        assertThat(KeySource.devAccount(3)).hasToString("DevAccount[index=3]");
        assertThatThrownBy(() -> Password.fromVariable(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySource.keystore(null, Password.fromDefaultVariable()))
                .isInstanceOf(NullPointerException.class).hasMessage("file == null");
    }
}
