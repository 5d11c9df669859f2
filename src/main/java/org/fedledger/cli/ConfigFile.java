package org.fedledger.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * FedLedger's configuration file: the settings a user would otherwise repeat on every command,
 * one {@code KEY = VALUE} per line. A {@code #} at the start of a line or after a space starts a
 * comment; blank lines are ignored; keys and values are trimmed and values are taken as written
 * (no quotes, no escapes). Relative
 * paths are relative to the file's own directory. An unknown key, a line without {@code =}, a key
 * given twice or a value of the wrong shape is refused with one line naming the file and line.
 * The file comes below flags and environment variables (see {@link ConnectionOptions}).
 */
final class ConfigFile {
    static final String RPC_URL = "rpc-url";
    static final String CHAIN_ID = "chain-id";
    static final String IPFS_API = "ipfs-api";
    static final String KEYSTORE = "keystore";
    static final String PASSWORD_FILE = "password-file";
    static final String DEPLOYMENT = "deployment";
    /** Every key the file may hold. */
    static final List<String> KEYS = List.of(RPC_URL, CHAIN_ID, IPFS_API, KEYSTORE, PASSWORD_FILE, DEPLOYMENT);

    /** A comment: from a '#' that starts the line or follows white space, to the end of the line. */
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*$");
    private static final ConfigFile NONE = new ConfigFile(null, Map.of());

    private final Path file;
    private final Map<String, String> values;

    private ConfigFile(Path file, Map<String, String> values) {
        this.file = file;
        this.values = Map.copyOf(values);
    }

    /** No configuration file: every lookup is empty. */
    static ConfigFile none() {
        return NONE;
    }

    /**
     * Reads {@code file}. A missing file is an error when the user named it ({@code required});
     * otherwise it means no configuration.
     */
    static ConfigFile load(Path file, boolean required) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new Failures.UserException("config file " + file + " does not exist: check --config / FL_CONFIG");
            }
            return NONE;
        } catch (IOException e) {
            throw new Failures.UserException("cannot read config file " + file + " (" + e.getClass().getSimpleName()
                    + "): check the path and the file's permissions");
        }
        return parse(file, text);
    }

    /** Parses the text of {@code file}. */
    static ConfigFile parse(Path file, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = COMMENT.matcher(lines.get(i)).replaceFirst("").strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw error(file, i + 1, "expected KEY = VALUE (or a # comment)"); // the line is not echoed: it may be a secret
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!KEYS.contains(key)) {
                throw error(file, i + 1, "unknown key '" + abbreviate(key) + "' (known: " + String.join(", ", KEYS) + ")");
            }
            if (values.containsKey(key)) {
                throw error(file, i + 1, key + " is set twice");
            }
            if (value.isEmpty()) {
                throw error(file, i + 1, key + " has no value");
            }
            check(file, i + 1, key, value);
            values.put(key, value);
        }
        return new ConfigFile(file, values);
    }

    private static void check(Path file, int line, String key, String value) {
        switch (key) {
            case CHAIN_ID -> {
                if (!value.matches("[1-9]\\d{0,17}")) {
                    throw error(file, line, "chain-id must be a positive whole number, not '" + abbreviate(value) + "'");
                }
            }
            case RPC_URL, IPFS_API -> {
                if (!isHttpUrl(value)) {
                    throw error(file, line, key + " must be an http:// or https:// URL, not '" + abbreviate(value) + "'");
                }
            }
            default -> { }
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Failures.UserException error(Path file, int line, String what) {
        return new Failures.UserException("config file " + file + " line " + line + ": " + what);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** The file read, if any. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The value of {@code key}, as written. */
    Optional<String> get(String key) {
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown config key: " + key);
        }
        return Optional.ofNullable(values.get(key));
    }

    Optional<URI> uri(String key) {
        return get(key).map(URI::create);
    }

    Optional<Long> number(String key) {
        return get(key).map(Long::parseLong);
    }

    /** A path value, resolved against the file's directory when relative. */
    Optional<Path> path(String key) {
        return get(key).map(Path::of).map(p -> p.isAbsolute() || file == null ? p
                : file.toAbsolutePath().getParent().resolve(p));
    }
}
