package org.bhiv.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A raw HTTP/1.1 connection for what a well-behaved client cannot send: broken framing,
 * pipelined requests after an error, slow heads and bodies. It reads what the server writes
 * until the server closes the connection (or a deadline passes) and splits it into responses.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /**
     * @param port a local port
     * @return an open connection
     * @throws IOException when it cannot connect
     */
    public static RawHttp open(int port) throws IOException {
        return new RawHttp(new Socket("localhost", port));
    }

    /**
     * Writes bytes (ISO-8859-1 for text); a server that already closed the connection is not an error.
     *
     * @param text what to send
     * @return this connection
     */
    public RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * @param bytes what to send
     * @return this connection
     */
    public RawHttp send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // The server may answer and close before it read everything; what it said is read next.
        }
        return this;
    }

    /** Half-closes: the server sees the end of the request stream, and can still answer. */
    public RawHttp endOfInput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // already closed by the server
        }
        return this;
    }

    /**
     * Reads until the server closes the connection or {@code millis} pass.
     *
     * @param millis the deadline
     * @return what arrived
     */
    public Exchange readUntilClosed(long millis) throws IOException {
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        boolean closed = false;
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (!closed && System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(250, (deadline - System.nanoTime()) / 1_000_000)));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    closed = true;
                } else {
                    all.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // keep waiting until the deadline
            } catch (IOException e) {
                closed = true;  // reset by the server
            }
        }
        return new Exchange(parse(all.toString(StandardCharsets.ISO_8859_1)), closed,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static List<Response> parse(String text) {
        List<Response> responses = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int split = text.indexOf("\r\n\r\n", at);
            if (split < 0 || !text.startsWith("HTTP/1.1 ", at)) {
                responses.add(new Response(-1, text.substring(at), ""));    // not a response: what follows
                break;
            }
            String head = text.substring(at, split);
            int length = contentLength(head);
            int end = Math.min(text.length(), split + 4 + Math.max(0, length));
            responses.add(new Response(Integer.parseInt(head.substring(9, 12)), head,
                    new String(text.substring(split + 4, end).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
            at = end;
        }
        return responses;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    /**
     * @param responses what the server wrote, in order
     * @param closed    whether the server closed the connection
     * @param millis    how long until it closed (or the deadline)
     */
    public record Exchange(List<Response> responses, boolean closed, long millis) {
    }

    /**
     * @param status status code, -1 for bytes that are not a response
     * @param head   status line and headers
     * @param body   the body
     */
    public record Response(int status, String head, String body) {

        /** @return whether the response has this header (name case-insensitive, value exact) */
        public boolean hasHeader(String name, String value) {
            return head.toLowerCase(Locale.ROOT).contains("\r\n" + name.toLowerCase(Locale.ROOT) + ": " + value.toLowerCase(Locale.ROOT));
        }
    }
}
