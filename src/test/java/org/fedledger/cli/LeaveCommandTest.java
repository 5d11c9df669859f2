package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fl leave}'s mistakes that need no chain. */
class LeaveCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "leave";
        all[1] = "--data-dir";
        all[2] = dir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute(all);
    }

    @Test
    void aMalformedTaskAddressIsRefused() {
        assertThat(run("--task", "task-1", "--dev-account", "1", "--rpc-url", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("fl: --task 'task-1' is not an address (0x and 40 hex digits)\n");
    }

    @Test
    void anUnreachableNodeIsOneLineAndVerboseShowsTheStackTrace() {
        assertThat(run("--task", "0x5149e80480c2578786e9362fb0f93c7935ce82eb", "--dev-account", "1",
                "--rpc-url", "http://127.0.0.1:1")).isEqualTo(4);
        assertThat(err.toString()).startsWith("fl: Ethereum RPC at http://127.0.0.1:1 is unreachable").hasLineCount(1);

        StringWriter verbose = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(verbose))
                .execute("leave", "--verbose", "--task", "0x5149e80480c2578786e9362fb0f93c7935ce82eb", "--dev-account",
                        "1", "--rpc-url", "http://127.0.0.1:1", "--data-dir", dir.toString());
        assertThat(code).isEqualTo(4);
        assertThat(verbose.toString()).contains("ChainException", "\tat ").endsWith("--rpc-url URL\n");
    }
}
