package org.fedledger.localnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Checks that Node.js 20 or newer is on the PATH, which both local services run on. */
final class NodeRuntime {
    static final int MIN_MAJOR = 20;
    private static volatile boolean checked;

    private NodeRuntime() {}

    static void require() throws LocalnetException {
        if (checked) {
            return;
        }
        String version;
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new LocalnetException("`node --version` failed: install Node.js " + MIN_MAJOR + " and put it on PATH");
            }
        } catch (IOException e) {
            throw new LocalnetException("node not found: install Node.js " + MIN_MAJOR + " and put it on PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalnetException("interrupted while checking node", e);
        }
        if (major(version) < MIN_MAJOR) {
            throw new LocalnetException("node " + version + " found, but Node.js " + MIN_MAJOR
                    + " or newer is needed: install Node.js " + MIN_MAJOR);
        }
        checked = true;
    }

    static int major(String version) {
        String digits = version.startsWith("v") ? version.substring(1) : version;
        int dot = digits.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
