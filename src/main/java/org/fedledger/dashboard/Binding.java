package org.fedledger.dashboard;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;

/**
 * Where the dashboard listens. The dashboard has no authentication, so it listens on a loopback
 * address unless the user says otherwise ({@code allowPublic}); port 0 takes a free port.
 */
public record Binding(InetAddress address, int port, boolean allowPublic) {
    public static final int DEFAULT_PORT = 8088;

    public Binding {
        requireNonNull(address, "address == null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        if (!address.isLoopbackAddress() && !allowPublic) {
            throw new IllegalArgumentException(address.getHostAddress() + " is not a loopback address, and the "
                    + "dashboard has no authentication: pass --public to serve it beyond this machine anyway");
        }
    }

    /** {@code 127.0.0.1} on {@code port}. */
    public static Binding loopback(int port) {
        return new Binding(InetAddress.getLoopbackAddress(), port, false);
    }
}
