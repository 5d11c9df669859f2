package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedledger.keys.KeySource;
import org.fedledger.keys.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fl claim}: how claimed rounds are listed, and the mistakes that need no chain. */
class ClaimCommandTest {
    private static final String TASK = "0x5149e80480c2578786e9362fb0f93c7935ce82eb";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "claim";
        all[1] = "--data-dir";
        all[2] = dir.toString();
        all[3] = "--rpc-url";
        all[4] = "http://127.0.0.1:1";
        System.arraycopy(args, 0, all, 5, args.length);
        return Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute(all);
    }

    @Test
    void consecutiveRoundsAreShownAsRanges() {
        assertThat(ClaimCommand.rounds(List.of(1L, 2L, 3L, 5L, 7L, 8L))).isEqualTo("1-3, 5, 7-8");
        assertThat(ClaimCommand.rounds(List.of(4L))).isEqualTo("4");
    }

    @Test
    void withoutAKeyItSaysHowToGiveOne() {
        assertThat(run("--task", TASK)).isEqualTo(2);
        assertThat(err.toString()).startsWith("fl: no signing key: pass --keystore FILE").hasLineCount(1);
    }

    @Test
    void aWrongKeystorePasswordIsOneLineBeforeAnyNodeIsAsked() throws Exception {
        Path right = Files.writeString(dir.resolve("pw"), "right horse\n");
        Path wrong = Files.writeString(dir.resolve("wrong"), "wrong horse\n");
        Path keystore = Keys.createKeystore(dir.resolve("keys"), KeySource.Password.fromFile(right));
        assertThat(run("--task", TASK, "--keystore", keystore.toString(), "--password-file", wrong.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("fl: wrong password for keystore " + keystore)
                .doesNotContain("horse").hasLineCount(1);
    }

    @Test
    void anUnreachableNodeIsOneLineWithExitCode4() {
        assertThat(run("--task", TASK, "--dev-account", "1")).isEqualTo(4);
        assertThat(err.toString()).startsWith("fl: Ethereum RPC at http://127.0.0.1:1 is unreachable").hasLineCount(1);
    }
}
