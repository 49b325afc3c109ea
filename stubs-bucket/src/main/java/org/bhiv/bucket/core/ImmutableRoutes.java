package org.bhiv.bucket.core;

import java.util.Map;
import java.util.Set;

import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.server.ProblemException;

/**
 * What no {@code /core} route answered: {@code PUT}, {@code PATCH} and {@code DELETE} anywhere
 * under {@code /core/} are 405 (no route changes or deletes a stored event), as is any other
 * method on a known path (with {@code Allow}); other unknown paths are 404. Registered after the
 * {@code /core} services, so it only sees what they did not take.
 */
public final class ImmutableRoutes {

    private static final Set<Method> CHANGES = Set.of(Method.PUT, Method.PATCH, Method.DELETE);
    private static final Map<String, String> ALLOWED = Map.of(
            "/core/write-event", "POST",
            "/core/events", "GET",
            "/core/stats", "GET",
            "/core/read-context", "GET",
            "/core/audit/verify", "GET");

    private ImmutableRoutes() {
    }

    /**
     * @param routing the routing, after the {@code /core} services are registered
     */
    public static void register(HttpRouting.Builder routing) {
        routing.route(method -> true, PathMatchers.prefix("/core"), ImmutableRoutes::refuse);
    }

    private static void refuse(ServerRequest req, ServerResponse res) {
        String path = req.path().absolute().path();
        String allow = ALLOWED.get(path);
        if (CHANGES.contains(req.prologue().method())) {
            throw ProblemException.of(405, "method_not_allowed",
                    "Stored events are append-only: nothing under /core/ can be changed or deleted.")
                    .withHeader("Allow", allow == null ? "GET, POST" : allow);
        }
        if (allow != null) {
            throw ProblemException.of(405, "method_not_allowed", path + " only answers " + allow + ".")
                    .withHeader("Allow", allow);
        }
        throw ProblemException.of(404, "not_found", "No such resource.");
    }
}
