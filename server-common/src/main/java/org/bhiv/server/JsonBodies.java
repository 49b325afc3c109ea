package org.bhiv.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads a request body as one JSON object, refusing in the order every service uses:
 * a non-JSON {@code Content-Type} (415), a body over the limit (413), a body that is not a
 * JSON object or carries a string with an unpaired UTF-16 surrogate (400). Never lets a parser
 * exception become a 500.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * Reads the body as a JSON object.
     *
     * @param req      the request
     * @param maxBytes largest accepted body
     * @return the object
     * @throws ProblemException 415, 413 or 400 as described above
     */
    public static ObjectNode readObject(ServerRequest req, long maxBytes) {
        checkMediaType(req);
        return parseObject(readBytes(req, maxBytes));
    }

    /**
     * Parses bytes as a JSON object.
     *
     * @param body the bytes
     * @return the object
     * @throws ProblemException 400 {@code malformed_json}; for a string value or member name with
     *                          an unpaired surrogate (which no UTF-8 encoder can write) its
     *                          {@code errors} name each such field by its path
     */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (StreamReadException e) {
            String duplicate = duplicateMember(e);
            if (duplicate != null) {
                throw ProblemException.of(Problem.of(400, "malformed_json", "The request body has a duplicate member.")
                        .withErrors(List.of(new FieldError(duplicate, "The member appears more than once."))));
            }
            throw ProblemException.malformedJson("The request body is not valid JSON.");
        } catch (IOException e) {
            // CharConversionException (invalid UTF-8) and other read failures land here.
            throw ProblemException.malformedJson("The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.malformedJson("The request body must be a JSON object.");
        }
        List<FieldError> unpaired = Utf16.unpairedSurrogates(node);
        if (!unpaired.isEmpty()) {
            throw ProblemException.of(Problem.of(400, "malformed_json",
                    "The request body has text that is not valid Unicode.").withErrors(unpaired));
        }
        return (ObjectNode) node;
    }

    /** @return the dotted path of a duplicate member Jackson refused, {@code null} for another parse error */
    private static String duplicateMember(StreamReadException e) {
        if (!(e.getProcessor() instanceof JsonParser parser) || e.getOriginalMessage() == null
                || !e.getOriginalMessage().startsWith("Duplicate ")) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        List<String> parts = new java.util.ArrayList<>();
        for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            parts.add(ctx.inArray() ? "[" + ctx.getCurrentIndex() + "]" : ctx.getCurrentName());
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            String part = parts.get(i);
            if (part == null) {
                return null;
            }
            if (!path.isEmpty() && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.isEmpty() || !Utf16.isWellFormed(path) ? null : path.toString();
    }

    /**
     * Refuses a present, non-JSON {@code Content-Type}, or one that declares a charset other than
     * UTF-8, with 415. An absent one is accepted, as the original services did.
     *
     * @param req the request
     */
    public static void checkMediaType(ServerRequest req) {
        var contentType = req.headers().first(HeaderNames.CONTENT_TYPE);
        if (contentType.isEmpty()) {
            return;
        }
        String[] parts = contentType.get().split(";");
        String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw ProblemException.of(415, "unsupported_media_type", "The request body must be application/json.");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param.length == 2 && param[0].trim().equalsIgnoreCase("charset")) {
                String charset = param[1].trim().replace("\"", "").toLowerCase(java.util.Locale.ROOT);
                // The body is always read as UTF-8 (RFC 8259); another declared charset would be misread.
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw ProblemException.of(Problem.of(415, "unsupported_media_type",
                            "The request body must be UTF-8 JSON; another charset is not accepted.")
                            .withErrors(List.of(new FieldError("Content-Type", "charset must be UTF-8"))));
                }
            }
        }
    }

    /**
     * Reads at most {@code maxBytes} of the body.
     *
     * @param req      the request
     * @param maxBytes largest accepted body
     * @return the bytes
     * @throws ProblemException 413 {@code payload_too_large}
     */
    public static byte[] readBytes(ServerRequest req, long maxBytes) {
        var declared = declaredLength(req);
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        byte[] bytes;
        try {
            // Not closed on failure: closing would read on through a broken body. The connection
            // is closed after the answer instead (Connection: close below).
            bytes = req.content().inputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return bytes;
    }

    /** @return the declared Content-Length, -1 when there is none (chunked or no body) */
    private static long declaredLength(ServerRequest req) {
        try {
            return req.headers().contentLength().orElse(-1);
        } catch (RuntimeException e) {
            throw framing();
        }
    }

    /**
     * A body that could not be read: its framing is malformed (a chunk size that is not hex, a
     * missing CRLF, a chunk shorter than it said), or the client was too slow. The cause is never
     * logged nor echoed: Helidon's parser messages quote the bytes it read, request body included.
     */
    private static ProblemException unreadable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException || t instanceof java.nio.channels.ClosedByInterruptException) {
                return ProblemException.of(408, "request_timeout", "The request body took too long to arrive.")
                        .withHeader("Connection", "close");
            }
        }
        return framing();
    }

    private static ProblemException framing() {
        return ProblemException.of(400, "malformed_framing",
                "The request body's framing (Content-Length or chunked encoding) is malformed.")
                .withHeader("Connection", "close");
    }

    private static ProblemException tooLarge(long maxBytes) {
        // The rest of the body is not read: the connection closes after the answer.
        return ProblemException.of(413, "payload_too_large",
                "The request body is larger than " + maxBytes + " bytes.").withHeader("Connection", "close");
    }
}
