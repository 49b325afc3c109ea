package org.bhiv.executor.adapters.provider;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a random loopback port that answers every request with one scripted
 * answer and keeps what it received: "script, exercise, verify" for real providers.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private volatile Script script = new Script(200, Map.of(), "{}", false);

    /**
     * @return a started server answering {@code 200 {}} until scripted
     * @throws IOException when it cannot bind
     */
    public static ScriptedHttpServer start() throws IOException {
        return new ScriptedHttpServer();
    }

    private ScriptedHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(body, StandardCharsets.UTF_8)));
                Script answer = script;
                if (answer.stallBody()) {
                    exchange.sendResponseHeaders(answer.status(), 1000);
                    exchange.getResponseBody().write('{');
                    exchange.getResponseBody().flush();
                    released.await();
                    return;
                }
                answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /**
     * @param status  the status to answer from now on
     * @param body    the JSON body
     * @param headers extra headers, name then value
     * @return this server
     */
    public ScriptedHttpServer answer(int status, String body, String... headers) {
        var map = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        script = new Script(status, map, body, false);
        return this;
    }

    /**
     * From now on: send the status line and headers, one byte of the body, then nothing until closed.
     *
     * @return this server
     */
    public ScriptedHttpServer stallBodyAfterHeaders() {
        script = new Script(200, Map.of(), "", true);
        return this;
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:41234} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return every request received, oldest first */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }

    /**
     * @return a base URL where nothing listens (a port bound, then released)
     * @throws IOException when no port can be bound
     */
    public static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** A server socket that accepts connections and never answers. */
    public static final class Silent implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        /** @throws IOException when it cannot bind */
        public Silent() throws IOException {
            socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        accepted.add(socket.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        /** @return its port */
        public int port() {
            return socket.getLocalPort();
        }

        /** @return its base URL */
        public String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private record Script(int status, Map<String, String> headers, String body, boolean stallBody) {
    }

    /**
     * One request as received.
     *
     * @param method        the method
     * @param path          the path
     * @param authorization the {@code Authorization} header
     * @param contentType   the {@code Content-Type} header
     * @param body          the body text
     */
    public record Received(String method, String path, String authorization, String contentType, String body) {
    }
}
