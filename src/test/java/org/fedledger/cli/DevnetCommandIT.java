package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedledger.localnet.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fl devnet up|status|down} and {@code fl check}, run in-process as a user would run them. */
class DevnetCommandIT {
    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    @TempDir
    Path dataDir;

    record Run(int exitCode, String out, String err) {}

    static Run fl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void upThenStatusShowsBothHealthyAndDownLeavesNoProcess() {
        String dir = dataDir.toString();
        Run up = fl("devnet", "up", "--data-dir", dir, "--rpc-port", "0", "--ipfs-port", "0");
        List<Long> pids = PID.matcher(up.out()).results().map(m -> Long.parseLong(m.group(1))).toList();
        try {
            assertThat(up.exitCode()).as(up.err()).isZero();
            assertThat(up.out()).contains("devnet  http://127.0.0.1:", "ipfs    http://127.0.0.1:",
                    "0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1");
            assertThat(pids).hasSize(2);

            Run status = fl("devnet", "status", "--data-dir", dir);
            assertThat(status.exitCode()).as(status.out()).isZero();
            assertThat(status.out()).containsPattern("devnet +healthy +http://127.0.0.1:\\d+ +chain 1337, block \\d+")
                    .containsPattern("ipfs +healthy +http://127.0.0.1:\\d+ +IPFS \\S+");

            Run again = fl("devnet", "up", "--data-dir", dir, "--rpc-port", "0", "--ipfs-port", "0");
            assertThat(again.exitCode()).isZero();
            assertThat(PID.matcher(again.out()).results().map(m -> Long.parseLong(m.group(1))).toList())
                    .as("a second up reuses the running services").isEqualTo(pids);
        } finally {
            Run down = fl("devnet", "down", "--data-dir", dir);
            assertThat(down.exitCode()).isZero();
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        Run status = fl("devnet", "status", "--data-dir", dir);
        assertThat(status.exitCode()).isEqualTo(Failures.LOCAL_SERVICE);
        assertThat(status.out()).contains("devnet  stopped", "ipfs    stopped");
        assertThat(Files.exists(dataDir.resolve("devnet/chain"))).as("chain state is kept").isTrue();
    }

    @Test
    void checkNamesAnUnreachableRpcUrlInOneLine() throws Exception {
        String url = "http://127.0.0.1:" + Ports.free();
        Run check = fl("check", "--rpc-url", url, "--ipfs-api", url, "--data-dir", dataDir.toString());
        assertThat(check.exitCode()).isEqualTo(Failures.CHAIN);
        assertThat(check.out()).isEmpty();
        assertThat(check.err().strip()).startsWith("fl: Ethereum RPC at " + url + " is unreachable").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void checkNamesAnUnreachableIpfsApiInOneLine() throws Exception {
        String dir = dataDir.toString();
        Run up = fl("devnet", "up", "--data-dir", dir, "--rpc-port", "0", "--ipfs-port", "0");
        try {
            Matcher rpc = Pattern.compile("devnet  (http://\\S+)").matcher(up.out());
            assertThat(rpc.find()).as(up.out() + up.err()).isTrue();
            String ipfs = "http://127.0.0.1:" + Ports.free();
            Run check = fl("check", "--rpc-url", rpc.group(1), "--ipfs-api", ipfs, "--data-dir", dir);
            assertThat(check.exitCode()).isEqualTo(Failures.STORAGE);
            assertThat(check.out()).contains("chain id 1337");
            assertThat(check.err().strip()).startsWith("fl: IPFS API at " + ipfs + " is unreachable").doesNotContain("\n");

            Run ok = fl("check", "--data-dir", dir);
            assertThat(ok.exitCode()).as(ok.err()).isZero();
        } finally {
            fl("devnet", "down", "--data-dir", dir);
        }
    }
}
