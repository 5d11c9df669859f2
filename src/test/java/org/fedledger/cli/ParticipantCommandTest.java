package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fl participant run}'s mistakes that need no chain: each a one-line message and exit code 2. */
class ParticipantCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "participant";
        all[1] = "run";
        all[2] = "--data-dir";
        all[3] = dir.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute(all);
    }

    @Test
    void aPartOutsideThePartitionsIsRefused() {
        assertThat(run("--task", "0x5149e80480c2578786e9362fb0f93c7935ce82eb", "--dev-account", "1", "--parts", "4",
                "--part", "5")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("fl: --part must be between 1 and --parts (4), not 5");
    }

    @Test
    void withoutAKeyItSaysHowToGiveOne() {
        assertThat(run("--task", "0x5149e80480c2578786e9362fb0f93c7935ce82eb")).isEqualTo(2);
        assertThat(err.toString()).startsWith("fl: no signing key: pass --keystore FILE").doesNotContain("Exception");
    }

    @Test
    void aMissingKeystoreIsNamed() {
        Path missing = dir.resolve("nowhere.json");
        assertThat(run("--task", "0x5149e80480c2578786e9362fb0f93c7935ce82eb", "--keystore", missing.toString(),
                "--password-env", "FL_TEST_UNSET_PASSWORD")).isEqualTo(2);
        assertThat(err.toString()).contains(missing.toString()).hasLineCount(1);
    }

    @Test
    void aStakeFinerThanTheTokenIsOneLineNotAnInternalError() {
        assertThat(run("--task", "0x5149e80480c2578786e9362fb0f93c7935ce82eb", "--dev-account", "1",
                "--stake", "0.0000000000000000001")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("fl: --stake 0.0000000000000000001 has more decimal places than the token's 18");
    }

    @Test
    void theTaskIsRequired() {
        assertThat(run("--dev-account", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--task=ADDRESS'");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"participant", "run"}, {"demo"}, {"claim"}, {"devnet", "up"}}) {
            StringWriter out = new StringWriter();
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
            assertThat(code).as(String.join(" ", command)).isZero();
            assertThat(out.toString()).as(String.join(" ", command)).contains("Usage: fl " + String.join(" ", command));
        }
    }
}
