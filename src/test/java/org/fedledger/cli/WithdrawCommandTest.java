package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fl withdraw}'s mistakes that need no chain. */
class WithdrawCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "withdraw";
        all[1] = "--data-dir";
        all[2] = dir.toString();
        all[3] = "--rpc-url";
        all[4] = "http://127.0.0.1:1";
        System.arraycopy(args, 0, all, 5, args.length);
        return Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute(all);
    }

    @Test
    void aKeystoreAndADevAccountTogetherAreRefused() {
        assertThat(run("--task", "0x5149e80480c2578786e9362fb0f93c7935ce82eb", "--rewards", "--dev-account", "1",
                "--keystore", dir.resolve("k.json").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("fl: name either a keystore or a dev account, not both\n");
    }

    @Test
    void theTaskIsRequired() {
        assertThat(run("--stake", "--dev-account", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--task=ADDRESS'");
    }
}
