package org.bhiv.bridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that accepts every connection and never answers (or answers headers and never the
 * body): the fault "the executor hangs".
 */
public final class HangingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final boolean sendHeaders;

    private HangingServer(boolean sendHeaders) throws IOException {
        this.sendHeaders = sendHeaders;
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("hanging-server").start(this::acceptForever);
    }

    /** @return a started server that never answers at all */
    public static HangingServer start() {
        return create(false);
    }

    /** @return a started server that answers {@code 200} headers promising a body, then never sends it */
    public static HangingServer afterHeaders() {
        return create(true);
    }

    private static HangingServer create(boolean sendHeaders) {
        try {
            return new HangingServer(sendHeaders);
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
                Socket connection = socket.accept();
                held.add(connection);
                if (sendHeaders) {
                    Thread.ofVirtual().start(() -> promiseABody(connection));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void promiseABody(Socket connection) {
        try {
            connection.getInputStream().read(new byte[8192]);
            connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"trace_id\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            connection.getOutputStream().flush();
        } catch (IOException ignored) {
            // the client gave up
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
