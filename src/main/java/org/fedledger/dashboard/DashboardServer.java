package org.fedledger.dashboard;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The dashboard's HTTP server (the JDK's {@code com.sun.net.httpserver}): {@code GET /} the page,
 * {@code GET /api/history} the status and history as JSON (503 until the first read ends),
 * {@code GET /api/update?after=N} the page's parts if an update newer than number N is in (else
 * 204), which the page asks every second, and {@code GET /api/events}, the same updates as
 * Server-Sent Events for scripts ({@code curl -N}): the current one at once, each new one as it is
 * read, a comment every 15 s to keep the connection open. The page polls rather than listens
 * because a stream that never ends keeps a headless browser's virtual clock from running. Bound to a
 * loopback address it answers only requests whose {@code Host} is a loopback name too, so a web
 * page elsewhere cannot read it through DNS rebinding.
 *
 * <p>{@link #open} binds the port first, so that a taken port fails before anything slow;
 * {@link #serve} then starts following the source. {@link #close} stops both.
 */
public final class DashboardServer implements AutoCloseable {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int MAX_STREAMS = 64;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final HttpServer http;
    private final ExecutorService handlers;
    private final Binding binding;
    private final AtomicInteger streams = new AtomicInteger();
    private volatile LiveState state;

    private DashboardServer(HttpServer http, ExecutorService handlers, Binding binding) {
        this.http = http;
        this.handlers = handlers;
        this.binding = binding;
    }

    /**
     * Binds {@code binding}'s address and port; serves nothing until {@link #serve}.
     *
     * @throws DashboardException if the port is taken, with a message naming it, or the address
     *     cannot be bound
     */
    public static DashboardServer open(Binding binding) throws DashboardException {
        requireNonNull(binding, "binding == null");
        InetSocketAddress address = new InetSocketAddress(binding.address(), binding.port());
        HttpServer http;
        try {
            http = HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new DashboardException("port " + binding.port() + " on " + binding.address().getHostAddress()
                    + " is in use", e);
        } catch (IOException e) {
            throw new DashboardException("cannot listen on " + binding.address().getHostAddress() + " port "
                    + binding.port() + ": " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fl-dashboard-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(handlers);
        return new DashboardServer(http, handlers, binding);
    }

    /** {@link #open} then {@link #serve}. */
    public static DashboardServer start(HistorySource source, Binding binding, Duration pollInterval)
            throws DashboardException {
        return open(binding).serve(source, pollInterval);
    }

    /**
     * Starts following {@code source}, asking for its version every {@code pollInterval}, and
     * answering requests; returns this server.
     */
    public DashboardServer serve(HistorySource source, Duration pollInterval) {
        if (state != null) {
            throw new IllegalStateException("already serving");
        }
        state = new LiveState(source, requireNonNull(pollInterval, "pollInterval == null"));
        http.createContext("/", guarded(this::page));
        http.createContext("/api/history", guarded(this::history));
        http.createContext("/api/update", guarded(this::update));
        http.createContext("/api/events", guarded(this::events));
        http.start();
        return this;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8088/}. */
    public URI url() {
        InetAddress address = http.getAddress().getAddress();
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** The port listened on (the one taken, when bound to port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        if (state != null) {
            state.close(); // ends the event streams
        }
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (streams.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop(0);
        handlers.shutdownNow();
    }

    private HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            try (exchange) {
                String method = exchange.getRequestMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    text(exchange, 405, "text/plain", "only GET and HEAD\n");
                } else if (!binding.allowPublic() && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                    text(exchange, 403, "text/plain", "the dashboard answers only to a loopback Host\n");
                } else {
                    handler.handle(exchange);
                }
            }
        };
    }

    /** Whether a Host header names this machine's loopback: localhost, 127.x.y.z or [::1]. */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(1, Math.max(1, host.indexOf(']')))
                : host.replaceFirst(":\\d*$", "");
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(name).matches()) {
            return false; // a name: resolving it is what rebinding exploits
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            text(exchange, 404, "text/plain", "not found: the dashboard is at /\n");
            return;
        }
        text(exchange, 200, "text/html", Page.render(state.current()));
    }

    private void history(HttpExchange exchange) throws IOException {
        Update update = state.current();
        text(exchange, update.snapshot().isPresent() ? 200 : 503, "application/json", update.historyJson() + "\n");
    }

    private void update(HttpExchange exchange) throws IOException {
        long after;
        try {
            String query = exchange.getRequestURI().getQuery();
            after = query == null || !query.startsWith("after=") ? -1 : Long.parseLong(query.substring(6));
        } catch (NumberFormatException e) {
            text(exchange, 400, "text/plain", "after must be an update number\n");
            return;
        }
        Update update = state.current();
        if (update.sequence() <= after || !update.showable()) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        text(exchange, 200, "application/json", update.eventJson() + "\n");
    }

    private void events(HttpExchange exchange) throws IOException {
        if (streams.incrementAndGet() > MAX_STREAMS) {
            streams.decrementAndGet();
            text(exchange, 503, "text/plain", "too many open dashboards\n");
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            send(out, "retry: 2000\n\n");
            long seen = -1;
            for (Optional<Update> next = state.next(seen, KEEP_ALIVE); next.isPresent();
                 next = state.next(seen, KEEP_ALIVE)) {
                Update update = next.get();
                if (update.sequence() == seen || !update.showable()) {
                    send(out, ": keep-alive\n\n");
                } else {
                    send(out, "event: update\nid: " + update.sequence() + "\ndata: " + update.eventJson() + "\n\n");
                }
                seen = update.sequence();
            }
            out.close(); // the stream's last chunk, so the browser sees an end rather than a broken connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping
        } catch (IOException gone) {
            // the browser closed the page
        } finally {
            streams.decrementAndGet();
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void text(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
