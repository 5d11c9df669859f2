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
        return Optional.ofNullable(System.getenv("FL_DATA_DIR")).filter(v -> !v.isBlank()).map(Path::of)
                .orElseGet(() -> Home.root().resolve(".fedledger"));
    }
}
