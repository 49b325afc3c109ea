package org.bhiv.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers what Helidon refuses before routing (a bad percent-encoding in the path, an oversized
 * header or request line, an unsupported HTTP version) with a problem+json body instead of an
 * empty one. Such a refusal never reaches a service's error handlers, so a service's
 * {@link ProblemDecorator} does not apply to it; Helidon's message is never echoed.
 */
final class ProblemDirectHandler implements DirectHandler {

    private ProblemDirectHandler() {
    }

    /** @return direct handlers that answer every kind of transport-level refusal with a problem */
    static DirectHandlers all() {
        var handler = new ProblemDirectHandler();
        var builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        int code = status.code();
        Problem problem = Problem.of(code, errorCode(code), status.reasonPhrase() + ".");
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem always serialises", e);
        }
        headers.set(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(body)
                .build();
    }

    static String errorCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 403 -> "forbidden";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "request_header_fields_too_large";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }
}
