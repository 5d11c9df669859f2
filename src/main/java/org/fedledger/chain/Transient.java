package org.fedledger.chain;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;

/**
 * Tells a failure worth retrying from a definite one. Transient: the connection was refused,
 * reset or timed out; the HTTP answer was 429, 502, 503 or 504; the node answered a JSON-RPC
 * error that means "try again" (limit exceeded, "header not found"). Definite: everything else,
 * above all a contract revert, which would revert again.
 */
final class Transient {
    private static final Set<Integer> HTTP_TRANSIENT = Set.of(429, 502, 503, 504);
    /** Web3j's HttpService reports a non-2xx answer as "Invalid response received: CODE; BODY". */
    private static final Pattern HTTP_STATUS = Pattern.compile("Invalid response received: (\\d{3})");
    /** EIP-1474's "limit exceeded", which rate-limiting providers answer. */
    private static final int LIMIT_EXCEEDED = -32005;
    /**
     * Words of answers that mean "try again". The last is a JavaScript TypeError inside the node
     * (Ganache 7.9.2 answers "Error processing request: Cannot read properties of undefined
     * (reading 'toJSON')" now and then under concurrent senders): a bug of the node's, which says
     * nothing about the request, and a request sent again (the same signed bytes) is answered.
     */
    private static final List<String> TRY_AGAIN = List.of("header not found", "try again", "rate limit",
            "too many requests", "temporarily unavailable", "request timed out", "timeout",
            "cannot read properties of undefined");
    /** Ganache's words for a transaction whose nonce is not the account's next one. */
    private static final Pattern GANACHE_NONCE =
            Pattern.compile("account has nonce of: (\\d+) tx has nonce of: (\\d+)");

    private Transient() {}

    /** Whether {@code failure} (or what caused it) is worth retrying. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Retry.Exhausted || t instanceof ContractRevertException || isInterrupt(t)) {
                return false;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (isTransientItself(t)) {
                return true;
            }
        }
        return false;
    }

    /** A thread interrupt, which must stop the work; OkHttp's timeouts share its type. */
    private static boolean isInterrupt(Throwable t) {
        return t instanceof InterruptedIOException && !isTransientItself(t);
    }

    private static boolean isTransientItself(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (t instanceof RpcError) {
            return true;
        }
        if (t instanceof ClientConnectionException) {
            Matcher status = HTTP_STATUS.matcher(t.getMessage() == null ? "" : t.getMessage());
            return status.find() && HTTP_TRANSIENT.contains(Integer.parseInt(status.group(1)));
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
            return true;
        }
        if (t instanceof SocketException) {
            return message.contains("reset") || message.contains("broken pipe") || message.contains("closed");
        }
        if (t instanceof InterruptedIOException) {
            return message.contains("timeout") || message.contains("timed out"); // OkHttp's call timeout, not an interrupt
        }
        if (t instanceof IOException) {
            // OkHttp, when the server closed the connection without an answer
            return message.contains("unexpected end of stream") || message.startsWith("end of stream");
        }
        return false;
    }

    /** Whether a JSON-RPC error answer means "try again"; never for a revert. */
    static boolean isTransient(Response.Error error) {
        if (error == null || isRevert(error)) {
            return false;
        }
        if (error.getCode() == LIMIT_EXCEEDED) {
            return true;
        }
        String message = lower(error.getMessage());
        return TRY_AGAIN.stream().anyMatch(message::contains);
    }

    /** Whether a JSON-RPC error answer is a revert (it carries revert data or says so). */
    static boolean isRevert(Response.Error error) {
        String message = lower(error.getMessage());
        return message.contains("revert") || SimulatingTransactionManager.revertData(error.getData()).length() > 2;
    }

    /**
     * Whether {@code eth_sendRawTransaction}'s error says the transaction's nonce is in use,
     * possibly by this very transaction if a copy was sent before: Geth's "already known"
     * (older: "known transaction"), "nonce too low", "replacement transaction underpriced";
     * Ganache's "transaction underpriced", "transaction can't be replaced, mining has already
     * started" and "the tx doesn't have the correct nonce" (when the transaction's nonce is below
     * the account's).
     */
    static boolean nonceUsed(Response.Error error) {
        return alreadyKnown(error) || nonceTaken(error) || lower(error.getMessage()).contains("underpriced");
    }

    /** Whether the error says the pool holds exactly this transaction. */
    static boolean alreadyKnown(Response.Error error) {
        String message = lower(error.getMessage());
        return message.contains("already known") || message.contains("known transaction");
    }

    /**
     * Whether the error says another transaction holds the nonce, mined or pending; which one,
     * only asking the node for this transaction's hash can tell. Ganache says "transaction can't
     * be replaced, mining has already started" when a transaction with the nonce (this one, sent
     * again after its answer was lost) is being mined.
     */
    static boolean nonceTaken(Response.Error error) {
        String message = lower(error.getMessage());
        if (message.contains("nonce too low") || message.contains("replacement transaction underpriced")
                || message.contains("mining has already started")) {
            return true;
        }
        Matcher ganache = GANACHE_NONCE.matcher(message);
        return ganache.find() && new java.math.BigInteger(ganache.group(2)).compareTo(new java.math.BigInteger(ganache.group(1))) < 0;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** The node answered a JSON-RPC error that means "try again". */
    static final class RpcError extends IOException {
        private static final long serialVersionUID = 1L;

        RpcError(String method, Response.Error error) {
            super(method + " answered " + error.getCode() + " " + error.getMessage());
        }
    }
}
