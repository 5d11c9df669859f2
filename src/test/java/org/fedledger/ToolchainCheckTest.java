package org.fedledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tools/check-toolchain, which the launcher and the build run first, on machines missing a tool. */
class ToolchainCheckTest {
    @TempDir
    Path bin;

    record Result(int code, String output) {}

    private Result check(String... tools) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/bash", Home.root().resolve("tools/check-toolchain").toString()));
        command.addAll(java.util.List.of(tools));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin.toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    private void fakeTool(String name, String versionLine) throws IOException {
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!/usr/bin/bash\necho '" + versionLine + "'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void missingNodeNamesTheToolAndTheVersionToInstall() throws Exception {
        Result r = check("node");
        assertThat(r.code()).isEqualTo(127);
        assertThat(r.output().strip()).isEqualTo(
                "fl: node not found: install Node.js 20 (https://nodejs.org or apt-get install nodejs) and put it on PATH");
    }

    @Test
    void tooOldNodeIsRefusedWithTheVersionFound() throws Exception {
        Files.createSymbolicLink(bin.resolve("sed"), Path.of("/usr/bin/sed"));
        fakeTool("node", "v16.20.2");
        Result r = check("node");
        assertThat(r.code()).isEqualTo(127);
        assertThat(r.output()).contains("node v16.20.2 found, but Node.js 20 or newer is needed");
    }

    @Test
    void missingJavaAndMavenAreNamed() throws Exception {
        assertThat(check("java").output()).contains("java not found: install JDK 17 or newer");
        assertThat(check("mvn").output()).contains("mvn not found: install Maven 3.8 or newer");
    }

    @Test
    void presentToolsPass() throws Exception {
        Files.createSymbolicLink(bin.resolve("sed"), Path.of("/usr/bin/sed"));
        fakeTool("node", "v20.20.2");
        fakeTool("npm", "11.0.0");
        assertThat(check("node", "npm").code()).isZero();
    }
}
