package org.bhiv.server;

import io.helidon.webserver.http.ServerRequest;

/**
 * Adds a service's own members to every problem it sends, in one place (Bucket's
 * {@code success: false}, Karma's error envelope), whatever raised the problem: a handler, the
 * token check, an unknown route or a body over the limit.
 */
@FunctionalInterface
public interface ProblemDecorator {

    /**
     * @param req     the request being answered
     * @param problem the problem about to be sent
     * @return the problem to send instead
     */
    Problem decorate(ServerRequest req, Problem problem);

    /** @return the decorator that changes nothing */
    static ProblemDecorator none() {
        return (req, problem) -> problem;
    }
}
