package org.bhiv.bucket;

import io.helidon.webserver.http.ServerRequest;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemDecorator;

/**
 * Bucket's error answers keep the original's {@code {"success": false, "message"}} members next
 * to the problem+json ones, so clients of either form understand every refusal.
 */
final class BucketProblems implements ProblemDecorator {

    @Override
    public Problem decorate(ServerRequest req, Problem problem) {
        Problem decorated = problem.with("success", false);
        return problem.extensions().containsKey("message") ? decorated : decorated.with("message", problem.title());
    }
}
