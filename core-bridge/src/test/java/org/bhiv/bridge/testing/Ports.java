package org.bhiv.bridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports for fault injection.
 */
public final class Ports {

    private Ports() {
    }

    /** @return {@code http://127.0.0.1:<port>} of a port that was free a moment ago and is closed now */
    public static String closedPortUri() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
