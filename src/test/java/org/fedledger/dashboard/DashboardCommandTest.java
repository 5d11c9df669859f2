package org.fedledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.fedledger.cli.Fl;
import org.junit.jupiter.api.Test;

/**
 * {@code fl dashboard}'s refusals, which come before it asks the chain anything (so no chain is
 * needed here; the browser test runs it against one).
 */
class DashboardCommandTest {
    private static final String TASK = "0x" + "ab".repeat(20);

    record Run(int exitCode, String out, String err) {}

    private static Run fl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aTakenPortFailsWithOneLineNamingTheWayOut() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Run run = fl("dashboard", "--task", TASK, "--port", String.valueOf(port), "--rpc-url", "http://127.0.0.1:1");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("fl: port " + port + " on 127.0.0.1 is in use: pass --port N or --port 0\n");
        }
    }

    @Test
    void aNonLoopbackAddressNeedsPublic() {
        Run run = fl("dashboard", "--task", TASK, "--bind", "0.0.0.0", "--port", "0", "--rpc-url", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("fl: 0.0.0.0 is not a loopback address, and the dashboard has no "
                + "authentication: pass --public to serve it beyond this machine anyway\n");
    }

    @Test
    void anUnreachableChainFailsAfterThePortIsFreedAgain() throws Exception {
        Run run = fl("dashboard", "--task", TASK, "--port", "0", "--rpc-url", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("fl: Ethereum RPC at http://127.0.0.1:1 is unreachable").hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpListsTheOptions() {
        Run run = fl("dashboard", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--task=ADDRESS", "--port=N", "--bind=ADDRESS", "--public", "--accuracy",
                "default: 8088", "127.0.0.1");
    }
}
