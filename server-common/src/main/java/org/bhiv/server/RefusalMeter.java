package org.bhiv.server;

import java.util.List;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.webserver.http.ServerRequest;

/**
 * Counts every problem a service answers, by reason (its {@code error_code}) and status, as
 * {@code refusals_total}: who is refused for what (401 {@code unauthenticated}, 403
 * {@code forbidden}, 422 {@code invalid_trace_id}, ...) is visible without reading logs. Error
 * codes are this repository's own constants, so the number of series stays small.
 */
final class RefusalMeter implements ProblemDecorator {

    private final ProblemDecorator next;
    private final MeterRegistry registry;

    RefusalMeter(ProblemDecorator next, MeterRegistry registry) {
        this.next = next;
        this.registry = registry;
    }

    @Override
    public Problem decorate(ServerRequest req, Problem problem) {
        registry.getOrCreate(Counter.builder("refusals")
                        .description("Requests answered with a problem, by error_code and status")
                        .tags(List.of(Tag.create("reason", problem.errorCode() == null ? "unknown" : problem.errorCode()),
                                Tag.create("status", String.valueOf(problem.status())))))
                .increment();
        return next.decorate(req, problem);
    }
}
