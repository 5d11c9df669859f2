package org.fedledger.storage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;

/**
 * Words the failures of one RPC API as one-line {@link StorageException}s that name the node and
 * say what to do. The cause is kept for debuggers, never printed.
 */
final class RpcErrors {
    private final String api;
    private final Duration timeout;

    RpcErrors(String api, Duration timeout) {
        this.api = api;
        this.timeout = timeout;
    }

    /** Returns {@code "IPFS API at <url>"}, the subject of every message. */
    String at() {
        return "IPFS API at " + api;
    }

    /** The call failed before a complete answer arrived. */
    StorageException failed(String command, Throwable cause, long limit) {
        if (cause instanceof BoundedBody.TooLarge) {
            return new StorageException(at() + " sent more than " + limit + " bytes in answer to "
                    + command + ": refusing it, as that is over this client's limit", cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return unreachable("connect timed out", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return tooSlow(command, cause);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof UnresolvedAddressException || cause instanceof NoRouteToHostException) {
            return unreachable(reason(cause), cause);
        }
        return new StorageException(at() + " failed during " + command + " (" + describe(cause)
                + "): check that the node is healthy and retry", cause);
    }

    /** The whole call, answer included, took longer than the timeout. */
    StorageException tooSlow(String command, Throwable cause) {
        return new StorageException(at() + " did not answer " + command + " within " + format(timeout)
                + ": the node may be busy or stuck; retry, or allow a longer timeout", cause);
    }

    /** The node answered with an HTTP status other than 200. */
    StorageException rejected(String command, int status, byte[] body) {
        String message = RpcJson.text(body, "Message");
        String detail = message != null ? RpcJson.oneLine(message) : RpcJson.snippet(body);
        String hint = status == 404 || status == 405
                ? " (is " + api + " the RPC API, usually port 5001, and not a gateway?)" : "";
        return new StorageException(at() + " rejected " + command + " with HTTP " + status
                + (detail.isEmpty() ? "" : ": " + detail) + hint);
    }

    private StorageException unreachable(String reason, Throwable cause) {
        return new StorageException(at() + " is unreachable (" + reason
                + "): start a node with `./fl devnet up` or pass --ipfs-api URL", cause);
    }

    private static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return RpcJson.oneLine(message.toLowerCase(Locale.ROOT));
            }
        }
        return "connection refused";
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + RpcJson.oneLine(message));
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
