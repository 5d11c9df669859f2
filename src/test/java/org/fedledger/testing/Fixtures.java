package org.fedledger.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedledger.Home;

/** Shared choices of the test fixtures: which backend, and where their files go. */
final class Fixtures {
    private Fixtures() {}

    /**
     * Containers where a Docker engine answers, local processes otherwise (what CI runs). The
     * system property {@code fedledger.fixtures=process|containers} overrides the choice.
     */
    static boolean useContainers() {
        String choice = System.getProperty("fedledger.fixtures", "auto");
        if (choice.equals("process")) {
            return false;
        }
        if (choice.equals("containers")) {
            return true;
        }
        return Containers.dockerAvailable();
    }

    /** A fresh directory under target/it-services for one fixture's logs, PIDs and state. */
    static Path workDir(String name) throws IOException {
        Path base = Home.root().resolve("target").resolve("it-services");
        Files.createDirectories(base);
        return Files.createTempDirectory(base, name + "-");
    }
}
