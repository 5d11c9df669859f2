package org.fedledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment file: written whole, read back equal, and refused with one line when it is not one. */
class DeploymentTest {
    @TempDir
    Path dir;

    private static final Deployment SAMPLE = new Deployment(1337, "http://127.0.0.1:8545",
            "0x5b1869d9a4c187f2eaa108f3062412ecf0526b24", "0xe78a0f7e598cc8b0bb87894b0f60dd2a88d6a8ab",
            "0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1", BigInteger.valueOf(2), Instant.parse("2025-01-02T03:04:05Z"), "dev");

    @Test
    void aWrittenDeploymentReadsBackEqualAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("sub").resolve("deployment.json");
        SAMPLE.write(file);
        SAMPLE.write(file);

        assertThat(Deployment.read(file)).isEqualTo(SAMPLE);
        assertThat(Files.readString(file)).contains("\"chainId\" : 1337", "\"block\" : 2", "\"timestamp\" : \"2025-01-02T03:04:05Z\"");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void aMissingFileIsReportedAsSuch() {
        assertThatThrownBy(() -> Deployment.read(dir.resolve("none.json"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFileThatIsNotADeploymentIsRefusedWithOneLine() throws Exception {
        Path file = dir.resolve("d.json");
        Files.writeString(file, "{\"chainId\": 1337, \"token\": \"0xe78a0f7e598cc8b0bb87894b0f60dd2a88d6a8ab\"}");
        assertThatThrownBy(() -> Deployment.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployment file " + file + " has no \"factory\": fix it, or write a new one with `fl deploy --force`");
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> Deployment.read(file)).hasMessageStartingWith("deployment file " + file + " is not JSON");
        Files.writeString(file, "{\"chainId\": 1337, \"factory\": \"0x12\", \"token\": \"0xe78a0f7e598cc8b0bb87894b0f60dd2a88d6a8ab\"}");
        assertThatThrownBy(() -> Deployment.read(file)).hasMessageContaining("has a malformed field (not an address: 0x12)");
    }
}
