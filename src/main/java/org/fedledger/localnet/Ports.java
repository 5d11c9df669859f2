package org.fedledger.localnet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback TCP port helpers: find a free port, tell whether a port is taken. */
public final class Ports {
    private Ports() {}

    /** Returns a port that was free on 127.0.0.1 a moment ago (the OS picks it). */
    public static int free() throws LocalnetException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalnetException("cannot allocate a free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Returns true when something already listens on (or holds) {@code port} on 127.0.0.1. */
    public static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Returns {@code port} when it is free, a free port when {@code port} is 0, and fails with a
     * message naming the port and the option to change it otherwise.
     */
    public static int claim(int port, String option) throws LocalnetException {
        if (port == 0) {
            return free();
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (inUse(port)) {
            throw new LocalnetException("port " + port + " on 127.0.0.1 is in use: stop what uses it, or pass "
                    + option + " with another port (0 picks a free one)");
        }
        return port;
    }
}
