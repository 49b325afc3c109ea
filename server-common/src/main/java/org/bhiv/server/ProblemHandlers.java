package org.bhiv.server;

import java.lang.System.Logger.Level;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Turns every failure into a problem+json answer, in one place. A {@link ProblemException} is
 * sent as it is; Helidon's own {@link HttpException}s (unknown route, bad request line, ...)
 * keep their status; anything else is a 500 {@code internal_error} whose stack trace goes to
 * the log and never to the caller.
 */
public final class ProblemHandlers {

    private static final System.Logger LOGGER = System.getLogger(ProblemHandlers.class.getName());

    private ProblemHandlers() {
    }

    /**
     * Registers the handlers and a catch-all 404 for routes nothing else answered.
     *
     * @param routing the routing to add them to
     */
    public static void register(HttpRouting.Builder routing) {
        register(routing, ProblemDecorator.none());
    }

    /**
     * Registers the handlers; every problem passes through {@code decorator} before it is sent.
     *
     * @param routing   the routing to add them to
     * @param decorator adds the service's own members to each problem
     */
    public static void register(HttpRouting.Builder routing, ProblemDecorator decorator) {
        routing.error(ProblemException.class, (req, res, e) -> problem(req, res, e, decorator))
                .error(HttpException.class, (req, res, e) -> http(req, res, e, decorator))
                .error(Exception.class, (req, res, e) -> unexpected(req, res, e, decorator));
    }

    private static void problem(ServerRequest req, ServerResponse res, ProblemException e, ProblemDecorator decorator) {
        closeIfBodyUnread(req, res);
        e.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
        Responses.problem(res, decorator.decorate(req, e.problem()));
    }

    private static void http(ServerRequest req, ServerResponse res, HttpException e, ProblemDecorator decorator) {
        int status = e.status().code();
        if (status >= 500) {
            unexpected(req, res, e, decorator);
            return;
        }
        closeIfBodyUnread(req, res);
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
        Responses.problem(res, decorator.decorate(req, Problem.of(status, code, e.status().reasonPhrase() + ".")));
    }

    /**
     * A refusal before the body was read (401, 403, 413, ...) says {@code Connection: close}: the
     * edge then closes the connection instead of reading, or misreading, the rest of the body.
     */
    private static void closeIfBodyUnread(ServerRequest req, ServerResponse res) {
        if (req.content().hasEntity() && !req.content().consumed()) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Exception e, ProblemDecorator decorator) {
        closeIfBodyUnread(req, res);
        LOGGER.log(Level.ERROR, "Unexpected failure on " + req.prologue().method().text() + " "
                + LogSafe.value(req.path().absolute().path()), e);
        Responses.problem(res, decorator.decorate(req,
                Problem.of(500, "internal_error", "The server failed to answer this request.")));
    }
}
