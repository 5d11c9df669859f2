package org.fedledger.storage;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ContentStore} on the RPC API of a Kubo or js-ipfs node ({@code POST /api/v0/...}
 * over HTTP/1.1). It adds with {@code cid-version=1&raw-leaves=true&chunker=size-262144}, so
 * that {@link CidCalculator} predicts every CID, and verifies both what it adds and what it
 * reads. Failures become {@link StorageException}s with one-line messages; it never logs.
 * Instances are immutable and safe to share between threads.
 */
public final class IpfsRpcClient implements ContentStore {
    /** How long one call may take, the answer's body included, unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** The largest content {@link #cat} accepts unless told otherwise: 1 GiB. */
    public static final long DEFAULT_MAX_CAT_BYTES = 1L << 30;

    static final String ADD_QUERY = "cid-version=1&raw-leaves=true&chunker=size-262144"
            + "&cid-base=base32&pin=true&progress=false";
    private static final long MAX_JSON_BYTES = 1 << 20;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String api;
    private final Duration timeout;
    private final long maxCatBytes;
    private final HttpClient http;
    private final RpcErrors errors;

    /** A client of the node at {@code api}, e.g. {@code http://127.0.0.1:5001}, with defaults. */
    public IpfsRpcClient(URI api) {
        this(api, DEFAULT_TIMEOUT, DEFAULT_MAX_CAT_BYTES);
    }

    public IpfsRpcClient(URI api, Duration timeout) {
        this(api, timeout, DEFAULT_MAX_CAT_BYTES);
    }

    /**
     * @param api         the RPC API's base URL, without {@code /api/v0}
     * @param timeout     how long one call may take, its answer's body included
     * @param maxCatBytes the largest content {@link #cat} accepts, at most 2^31 - 9
     */
    public IpfsRpcClient(URI api, Duration timeout, long maxCatBytes) {
        requireNonNull(api, "api == null");
        requireNonNull(timeout, "timeout == null");
        if (!"http".equals(api.getScheme()) && !"https".equals(api.getScheme())
                || api.getHost() == null) {
            throw new IllegalArgumentException("api must be an http(s) URL with a host: " + api);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxCatBytes < 1 || maxCatBytes > MAX_ARRAY) {
            throw new IllegalArgumentException("maxCatBytes out of [1, " + MAX_ARRAY + "]: " + maxCatBytes);
        }
        this.api = api.toString().replaceAll("/+$", "");
        this.timeout = timeout;
        this.maxCatBytes = maxCatBytes;
        this.errors = new RpcErrors(this.api, timeout);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Cid add(byte[] content) throws StorageException {
        requireNonNull(content, "content == null");
        Cid expected = CidCalculator.of(content);
        String boundary = "fedledger-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(US_ASCII);
        BodyPublisher body = BodyPublishers.fromPublisher(
                BodyPublishers.ofByteArrays(List.of(head, content, tail)),
                (long) head.length + content.length + tail.length);
        byte[] answer = call("add", ADD_QUERY, body, "multipart/form-data; boundary=" + boundary,
                MAX_JSON_BYTES);
        RpcJson.Added added;
        try {
            added = RpcJson.added(answer);
        } catch (IOException e) {
            throw new StorageException(errors.at() + " gave an unusable answer to add: " + e.getMessage(), e);
        }
        Cid actual;
        try {
            actual = Cid.parse(added.hash());
        } catch (IllegalArgumentException e) {
            throw new StorageException(errors.at() + " answered add with " + e.getMessage()
                    + ": does it ignore cid-version=1 or cid-base=base32?", e);
        }
        if (!actual.equals(expected)) {
            throw new ContentVerificationException("add to " + errors.at(), expected, actual);
        }
        return actual;
    }

    @Override
    public byte[] cat(Cid cid) throws StorageException {
        return cat(cid, maxCatBytes);
    }

    /** As {@link #cat(Cid)}, reading no more than {@code maxBytes} (nor this client's own limit). */
    @Override
    public byte[] cat(Cid cid, long maxBytes) throws StorageException {
        requireNonNull(cid, "cid == null");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
        }
        long limit = Math.min(maxBytes, maxCatBytes);
        byte[] content;
        try {
            content = call("cat", "arg=" + cid, BodyPublishers.noBody(), null, limit);
        } catch (StorageException e) {
            if (e.getCause() instanceof BoundedBody.TooLarge) {
                throw new ContentTooLargeException(e.getMessage(), limit, e.getCause());
            }
            throw e;
        }
        Cid actual = CidCalculator.of(content);
        if (!actual.equals(cid)) {
            throw new ContentVerificationException("cat from " + errors.at(), cid, actual);
        }
        return content;
    }

    @Override
    public void pin(Cid cid) throws StorageException {
        requireNonNull(cid, "cid == null");
        byte[] answer = call("pin/add", "arg=" + cid, BodyPublishers.noBody(), null, MAX_JSON_BYTES);
        if (!RpcJson.has(answer, "Pins")) {
            throw new StorageException(errors.at() + " answered pin/add without \"Pins\": "
                    + RpcJson.snippet(answer));
        }
    }

    /** Returns the node's {@code Version} field as it sends it, e.g. {@code 0.18.1} or {@code 0.29.0}. */
    @Override
    public String version() throws StorageException {
        byte[] answer = call("version", "", BodyPublishers.noBody(), null, MAX_JSON_BYTES);
        String version = RpcJson.text(answer, "Version");
        if (version == null) {
            throw new StorageException(errors.at() + " answered version without a \"Version\": "
                    + RpcJson.snippet(answer));
        }
        return version;
    }

    /**
     * Sends one call, and once more if the connection it went out on turned out dead: Kubo closes
     * keep-alive connections idle for about 5 s, and a request that races that close fails before
     * any answer arrives ("header parser received no bytes"). Every call this client makes is
     * idempotent (add of the same bytes gives the same CID), so the retry is safe.
     */
    private byte[] call(String command, String query, BodyPublisher body, String contentType,
            long limit) throws StorageException {
        try {
            return send(command, query, body, contentType, limit);
        } catch (StorageException e) {
            if (!(e.getCause() instanceof IOException io) || !droppedConnection(io)) {
                throw e;
            }
            return send(command, query, body, contentType, limit);
        }
    }

    /** Whether {@code e} is a connection closed under a request, not a refusal, timeout or oversized answer. */
    private static boolean droppedConnection(IOException e) {
        return !(e instanceof BoundedBody.TooLarge) && !(e instanceof HttpTimeoutException)
                && !(e instanceof ConnectException) && !(e instanceof UnknownHostException)
                && !(e instanceof NoRouteToHostException);
    }

    private byte[] send(String command, String query, BodyPublisher body, String contentType,
            long limit) throws StorageException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(api + "/api/v0/" + command + (query.isEmpty() ? "" : "?" + query)))
                .timeout(timeout)
                .POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(request.build(), BoundedBody.handler(limit));
        HttpResponse<byte[]> response;
        try {
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw errors.tooSlow(command, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for " + errors.at() + " to answer "
                    + command, e);
        } catch (ExecutionException e) {
            throw errors.failed(command, e.getCause(), limit);
        }
        if (response.statusCode() != 200) {
            throw errors.rejected(command, response.statusCode(), response.body());
        }
        return response.body();
    }
}
