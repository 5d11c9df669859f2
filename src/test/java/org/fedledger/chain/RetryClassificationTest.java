package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;

/** Which failures are worth retrying: transport hiccups and "try again" answers, never reverts. */
class RetryClassificationTest {
    private static final String UNAUTHORIZED = "0x118cdaa7"
            + "00000000000000000000000022d491bde2303f2f43325b2108d26f1eaba1e32b";

    private static ClientConnectionException http(int status) {
        return new ClientConnectionException("Invalid response received: " + status + "; body");
    }

    private static Response.Error error(int code, String message) {
        return new Response.Error(code, message);
    }

    private static Response.Error error(int code, String message, String data) {
        Response.Error e = new Response.Error(code, message);
        e.setData(data);
        return e;
    }

    @Test
    void connectionFailuresTimeoutsAndBusyHttpAnswersAreTransient() {
        assertThat(Transient.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(Transient.isTransient(new SocketException("Connection reset"))).isTrue();
        assertThat(Transient.isTransient(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(Transient.isTransient(new InterruptedIOException("timeout"))).isTrue();
        assertThat(Transient.isTransient(new IOException("unexpected end of stream on http://127.0.0.1:8545/..."))).isTrue();
        for (int status : new int[] {429, 502, 503, 504}) {
            assertThat(Transient.isTransient(http(status))).as("HTTP %d", status).isTrue();
        }
        // as Web3j's Contract.deploy wraps whatever it catches
        assertThat(Transient.isTransient(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void otherFailuresAreDefinite() {
        for (int status : new int[] {400, 401, 403, 404, 500}) {
            assertThat(Transient.isTransient(http(status))).as("HTTP %d", status).isFalse();
        }
        assertThat(Transient.isTransient(new UnknownHostException("no-such-node"))).isFalse();
        assertThat(Transient.isTransient(new IOException("invalid argument"))).isFalse();
        assertThat(Transient.isTransient(new InterruptedIOException("interrupted while retrying eth_call"))).isFalse();
        assertThat(Transient.isTransient(new SocketException("Permission denied"))).isFalse();
        assertThat(Transient.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void aRevertOrAnExhaustedRetryIsNeverTransientWhateverCausedIt() {
        ContractRevertException revert = new ContractRevertException("transaction to 0xabc", UNAUTHORIZED);
        revert.initCause(new ConnectException("Connection refused"));
        Retry.Exhausted exhausted = new Retry.Exhausted("eth_call", 10, Duration.ofSeconds(21), http(503));

        assertThat(Transient.isTransient(revert)).isFalse();
        assertThat(Transient.isTransient(new RuntimeException(revert))).isFalse();
        assertThat(Transient.isTransient(exhausted)).isFalse();
        assertThat(Transient.isTransient(new RuntimeException(exhausted))).isFalse();
    }

    @Test
    void jsonRpcErrorsThatMeanTryAgainAreTransient() {
        assertThat(Transient.isTransient(error(-32000, "header not found"))).isTrue();
        assertThat(Transient.isTransient(error(-32005, "limit exceeded"))).isTrue();
        assertThat(Transient.isTransient(error(-32000, "Too Many Requests: slow down"))).isTrue();
        assertThat(Transient.isTransient(error(-32000,
                "Error processing request: Cannot read properties of undefined (reading 'toJSON')"))).isTrue();
        assertThat(Transient.isTransient(new Transient.RpcError("eth_call", error(-32000, "header not found")))).isTrue();
    }

    @Test
    void jsonRpcRevertsAndOtherRefusalsAreDefinite() {
        assertThat(Transient.isTransient(error(3, "execution reverted", UNAUTHORIZED))).isFalse();
        // a revert whose reason string happens to mention a timeout is still a revert
        assertThat(Transient.isTransient(error(-32000, "VM Exception while processing transaction: revert timeout"))).isFalse();
        assertThat(Transient.isTransient(error(-32000, "request timed out", UNAUTHORIZED))).isFalse();
        assertThat(Transient.isTransient(error(-32000, "insufficient funds for gas * price + value"))).isFalse();
        assertThat(Transient.isTransient((Response.Error) null)).isFalse();
        assertThat(Transient.isRevert(error(3, "execution reverted"))).isTrue();
        assertThat(Transient.isRevert(error(-32000, "header not found"))).isFalse();
    }

    @Test
    void nonceConflictsAreRecognisedInEachNodesWords() {
        assertThat(Transient.nonceUsed(error(-32000, "already known"))).isTrue(); // Geth
        assertThat(Transient.nonceUsed(error(-32000, "known transaction: 0xabc"))).isTrue(); // older Geth
        assertThat(Transient.nonceUsed(error(-32000, "nonce too low"))).isTrue();
        assertThat(Transient.nonceUsed(error(-32000, "replacement transaction underpriced"))).isTrue();
        assertThat(Transient.nonceUsed(error(-32003, "transaction underpriced"))).isTrue(); // Ganache
        assertThat(Transient.nonceUsed(error(-32000,
                "the tx doesn't have the correct nonce. account has nonce of: 5 tx has nonce of: 4"))).isTrue(); // Ganache
        assertThat(Transient.nonceUsed(error(-32000,
                "the tx doesn't have the correct nonce. account has nonce of: 5 tx has nonce of: 9"))).isFalse();
        assertThat(Transient.nonceUsed(error(-32000, "insufficient funds for gas * price + value"))).isFalse();
        assertThat(Transient.nonceTaken(error(-32000, "nonce too low"))).isTrue();
        assertThat(Transient.nonceTaken(error(-32003, "transaction can't be replaced, mining has already started. "
                + "(please open an issue with reproduction steps: https://github.com/trufflesuite/ganache/issues/new)")))
                .as("Ganache, while the nonce's transaction is mined").isTrue();
        assertThat(Transient.nonceTaken(error(-32000, "replacement transaction underpriced"))).isTrue();
        assertThat(Transient.nonceTaken(error(-32003, "transaction underpriced"))).as("may be a low gas price").isFalse();
        assertThat(Transient.nonceTaken(error(-32000, "already known"))).isFalse();
        assertThat(Transient.alreadyKnown(error(-32000, "already known"))).isTrue();
        assertThat(Transient.alreadyKnown(error(-32000, "nonce too low"))).isFalse();
    }
}
