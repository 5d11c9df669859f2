package org.fedledger;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the FedLedger checkout: the folder that holds {@code fl}, {@code pom.xml} and the
 * npm-installed tools ({@code test-chain/}, {@code ipfs/}, {@code contracts/}, {@code data/}).
 * The launcher and the test runner pass it as the {@code fedledger.home} system property; a
 * {@code FL_HOME} environment variable or the nearest enclosing checkout of the working
 * directory are the fallbacks.
 */
public final class Home {
    private Home() {}

    /** Returns the checkout's root folder. */
    public static Path root() {
        String property = System.getProperty("fedledger.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String env = System.getenv("FL_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("fl")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find the FedLedger checkout: run from inside it or set FL_HOME to its folder");
    }

    /** Returns {@code root()/data}, where the setup step puts data sets. */
    public static Path dataDir() {
        return root().resolve("data");
    }
}
