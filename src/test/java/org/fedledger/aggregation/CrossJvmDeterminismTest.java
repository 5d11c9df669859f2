package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fedledger.storage.CidCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule gives the same bytes in this JVM, in a fresh JVM with the usual JIT (C2 with
 * vectorised loops) and in a JVM that only interprets (-Xint): the JIT may not change results.
 */
class CrossJvmDeterminismTest {
    @TempDir
    Path temp;

    @Test
    void everyRuleWritesByteIdenticalWeightFilesInSeparateJvms() throws Exception {
        Path here = temp.resolve("here");
        AggregateMain.write(here);
        Process jit = launch(temp.resolve("jit"), "-XX:+UseSuperWord");
        Process interpreter = launch(temp.resolve("interpreter"), "-Xint");
        await(jit, temp.resolve("jit.log"));
        await(interpreter, temp.resolve("interpreter.log"));

        for (int i = 0; i < AggregateMain.SPECS.size(); i++) {
            for (String suffix : List.of(".flw", ".root")) {
                byte[] expected = Files.readAllBytes(here.resolve(i + suffix));
                assertThat(Files.readAllBytes(temp.resolve("jit").resolve(i + suffix)))
                        .as(AggregateMain.SPECS.get(i) + suffix).isEqualTo(expected);
                assertThat(Files.readAllBytes(temp.resolve("interpreter").resolve(i + suffix)))
                        .as(AggregateMain.SPECS.get(i) + suffix).isEqualTo(expected);
            }
            byte[] weights = Files.readAllBytes(here.resolve(i + ".flw"));
            assertThat(weights).hasSize(48 + 4 * AggregateMain.PARAMS);
            assertThat(CidCalculator.of(Files.readAllBytes(temp.resolve("jit").resolve(i + ".flw"))))
                    .isEqualTo(CidCalculator.of(Files.readAllBytes(temp.resolve("interpreter").resolve(i + ".flw"))))
                    .isEqualTo(CidCalculator.of(weights));
        }
    }

    private Process launch(Path directory, String flag) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", flag,
                "-cp", System.getProperty("java.class.path"), AggregateMain.class.getName(), directory.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve(directory.getFileName() + ".log").toFile()).start();
    }

    private static void await(Process process, Path log) throws Exception {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out; log: " + Files.readString(log));
        }
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    }
}
