package org.bhiv.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a server that breaks the first connection and passes every later
 * connection through: the fault "the connection broke once". Either the first request never
 * reaches the server ({@link #inFrontOf}), or it does and its answer is lost
 * ({@link #losingFirstAnswer}): the case where only the server's idempotency makes a retry safe.
 */
public final class ResettingProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final int targetPort;
    private final boolean forwardFirst;
    private final AtomicInteger connections = new AtomicInteger();

    private ResettingProxy(int targetPort, boolean forwardFirst) throws IOException {
        this.targetPort = targetPort;
        this.forwardFirst = forwardFirst;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("resetting-proxy").start(this::acceptForever);
    }

    /**
     * @param targetPort the port of the server behind the proxy
     * @return a started proxy
     */
    public static ResettingProxy inFrontOf(int targetPort) {
        return create(targetPort, false);
    }

    /**
     * @param targetPort the port of the server behind the proxy
     * @return a started proxy that forwards the first request, waits for the start of its answer,
     *         then resets the client's connection instead of passing the answer on
     */
    public static ResettingProxy losingFirstAnswer(int targetPort) {
        return create(targetPort, true);
    }

    private static ResettingProxy create(int targetPort, boolean forwardFirst) {
        try {
            return new ResettingProxy(targetPort, forwardFirst);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String baseUri() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** @return connections accepted so far, the reset one included */
    public int connections() {
        return connections.get();
    }

    private void acceptForever() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (connections.incrementAndGet() == 1) {
                    Thread.ofVirtual().start(() -> {
                        if (forwardFirst) {
                            forwardThenReset(client);
                        } else {
                            reset(client);
                        }
                    });
                } else {
                    Thread.ofVirtual().start(() -> pipe(client));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void reset(Socket client) {
        try (client) {
            client.getInputStream().read(new byte[64]);
            client.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // the point is to break the connection
        }
    }

    private void forwardThenReset(Socket client) {
        try (client; Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            Thread.ofVirtual().start(() -> copy(client, target));
            // The first byte of the answer: the server has processed the request.
            target.getInputStream().read();
            client.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // the point is to break the connection
        }
    }

    private void pipe(Socket client) {
        try (client; Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            Thread upstream = Thread.ofVirtual().start(() -> copy(client, target));
            copy(target, client);
            upstream.join();
        } catch (IOException | InterruptedException ignored) {
            // connection over
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException ignored) {
            // one side closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
