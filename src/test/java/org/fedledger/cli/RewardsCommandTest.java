package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fl rewards}'s mistakes that need no chain: each one line and exit code 2. */
class RewardsCommandTest {
    private static final String TASK = "0x5149e80480c2578786e9362fb0f93c7935ce82eb";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "rewards";
        all[1] = "--data-dir";
        all[2] = dir.toString();
        all[3] = "--rpc-url";
        all[4] = "http://127.0.0.1:1";
        System.arraycopy(args, 0, all, 5, args.length);
        return Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute(all);
    }

    @Test
    void aMalformedAccountIsNamed() {
        assertThat(run("--task", TASK, "--account", "alice")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("fl: --account 'alice' is not an address (0x and 40 hex digits)\n");
    }

    @Test
    void aStateFileNeedsAnAccount() {
        assertThat(run("--task", TASK, "--state-file", dir.resolve("s.json").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("fl: --state-file needs --account: name the account the state file is of\n");
    }
}
