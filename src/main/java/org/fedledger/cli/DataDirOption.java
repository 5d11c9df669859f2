package org.fedledger.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.fedledger.Home;
import picocli.CommandLine.Option;

/** The data directory option shared by every command that keeps local state. */
final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where local state lives (env FL_DATA_DIR; default: .fedledger in the checkout).")
    Path dataDir;

    Path dataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        return env("FL_DATA_DIR").map(Path::of).orElseGet(() -> Home.root().resolve(".fedledger"));
    }

    /** An environment variable, if set and not blank: the fallback of every CLI option. */
    static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
