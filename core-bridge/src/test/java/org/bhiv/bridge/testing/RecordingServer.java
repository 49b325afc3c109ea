package org.bhiv.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A server on a random port that answers every request with one fixed JSON answer and records
 * what it received: a stand-in for a sink such as Bucket's {@code /core/write-event}.
 */
public final class RecordingServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final int status;
    private final String answer;

    private RecordingServer(int status, String answer) throws IOException {
        this.status = status;
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            JsonNode body = bytes.length == 0 ? MissingNode.getInstance() : MAPPER.readTree(bytes);
            received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Trace-Id"), body));
            byte[] out = this.answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(this.status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    /**
     * @param status the status of every answer
     * @param answer the JSON body of every answer
     * @return a started server
     */
    public static RecordingServer answering(int status, String answer) {
        try {
            return new RecordingServer(status, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return what was received, in order */
    public List<Request> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * One received request.
     *
     * @param method        HTTP method
     * @param path          request path
     * @param authorization the Authorization header or null
     * @param traceId       the X-Trace-Id header or null
     * @param body          the JSON body (missing node when empty)
     */
    public record Request(String method, String path, String authorization, String traceId, JsonNode body) {
    }
}
