package org.fedledger.keys;

/**
 * A signing key could not be loaded or created: the keystore file is missing, unreadable or not
 * a keystore, its password is missing or wrong, or the dev account does not exist. The message
 * is one line that names the file or variable and says what to do; it never contains a key or
 * a password.
 */
public final class KeyException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyException(String message) {
        super(message);
    }

    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
