package org.fedledger.keys;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a participant's signing key comes from: a Web3j/Geth V3 keystore file with its password,
 * or, on a local devnet, one of Ganache's deterministic accounts. Holds paths and names only,
 * never a key or a password, so it is safe to print. {@link Keys#load} turns it into credentials.
 */
public sealed interface KeySource permits KeySource.Keystore, KeySource.DevAccount {
    /** The environment variable a keystore password is read from unless another is named. */
    String DEFAULT_PASSWORD_VARIABLE = "FL_KEYSTORE_PASSWORD";

    /** A V3 keystore file and where its password comes from. */
    record Keystore(Path file, Password password) implements KeySource {
        public Keystore {
            Objects.requireNonNull(file, "file == null");
            Objects.requireNonNull(password, "password == null");
        }
    }

    /** Ganache's deterministic account {@code index} (0-based); for local devnets only. */
    record DevAccount(int index) implements KeySource {}

    static KeySource keystore(Path file, Password password) {
        return new Keystore(file, password);
    }

    static KeySource devAccount(int index) {
        return new DevAccount(index);
    }

    /** Where a keystore password comes from: a file ({@code --password-file}) or an environment variable. */
    sealed interface Password permits Password.FromFile, Password.FromVariable {
        /** The file's content, less its trailing newline. */
        record FromFile(Path file) implements Password {
            public FromFile {
                Objects.requireNonNull(file, "file == null");
            }
        }

        /** The value of environment variable {@code name}. */
        record FromVariable(String name) implements Password {
            public FromVariable {
                Objects.requireNonNull(name, "name == null");
                if (name.isBlank()) {
                    throw new IllegalArgumentException("name is blank");
                }
            }
        }

        static Password fromFile(Path file) {
            return new FromFile(file);
        }

        static Password fromVariable(String name) {
            return new FromVariable(name);
        }

        /** {@value KeySource#DEFAULT_PASSWORD_VARIABLE}. */
        static Password fromDefaultVariable() {
            return new FromVariable(DEFAULT_PASSWORD_VARIABLE);
        }
    }
}
