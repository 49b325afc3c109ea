package org.bhiv.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends JSON and problem bodies with the shared {@link Json} mapper.
 */
public final class Responses {

    private Responses() {
    }

    /**
     * Sends {@code body} as {@code application/json}.
     *
     * @param res    the response
     * @param status HTTP status code
     * @param body   a record, map or JSON node
     */
    public static void json(ServerResponse res, int status, Object body) {
        send(res, status, "application/json", body);
    }

    /**
     * Sends JSON text as it is, byte for byte (a stored answer replayed).
     *
     * @param res    the response
     * @param status HTTP status code
     * @param json   the JSON text
     */
    public static void jsonText(ServerResponse res, int status, String json) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Sends a problem as {@code application/problem+json} with its status.
     *
     * @param res     the response
     * @param problem the problem
     */
    public static void problem(ServerResponse res, Problem problem) {
        send(res, problem.status(), Problem.MEDIA_TYPE, problem);
    }

    private static void send(ServerResponse res, int status, String mediaType, Object body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + body.getClass().getName(), e);
        }
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, mediaType);
        res.send(bytes);
    }
}
