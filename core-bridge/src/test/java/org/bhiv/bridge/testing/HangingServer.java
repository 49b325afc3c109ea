package org.bhiv.bridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that accepts every connection and never answers: the fault "the executor hangs".
 */
public final class HangingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private HangingServer() throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("hanging-server").start(this::acceptForever);
    }

    /** @return a started server */
    public static HangingServer start() {
        try {
            return new HangingServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String baseUri() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** @return connections accepted so far */
    public int accepted() {
        return held.size();
    }

    private void acceptForever() {
        while (!socket.isClosed()) {
            try {
                held.add(socket.accept());
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
