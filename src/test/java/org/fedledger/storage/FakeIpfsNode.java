package org.fedledger.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scripted stand-in for an IPFS node's RPC API on a free loopback port. */
final class FakeIpfsNode implements AutoCloseable {
    /** One request as the fake received it. */
    record Request(String method, String path, String query, String contentType, byte[] body) {}

    /** How the fake answers one command. */
    interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeIpfsNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code POST /api/v0/<command>} with {@code answer}. */
    FakeIpfsNode on(String command, Answer answer) {
        server.createContext("/api/v0/" + command, exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            try (exchange) {
                answer.send(exchange);
            }
        });
        return this;
    }

    FakeIpfsNode on(String command, int status, String body) {
        return on(command, status, body.getBytes(StandardCharsets.UTF_8));
    }

    FakeIpfsNode on(String command, int status, byte[] body) {
        return on(command, exchange -> respond(exchange, status, body, true));
    }

    /** Sends {@code body} with a Content-Length header, or chunked without one. */
    static void respond(HttpExchange exchange, int status, byte[] body, boolean withLength)
            throws IOException {
        exchange.sendResponseHeaders(status, withLength ? (body.length == 0 ? -1 : body.length) : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
