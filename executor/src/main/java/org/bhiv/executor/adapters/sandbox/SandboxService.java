package org.bhiv.executor.adapters.sandbox;

import java.util.LinkedHashMap;
import java.util.Set;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;

/**
 * {@code GET /api/sandbox/{trace_id}}: what the sandbox providers would have sent for one
 * decision. Requires one of
 * {@code executor.callers.read} when tokens are configured.
 */
public final class SandboxService implements HttpService {

    private final SandboxRecorder recorder;
    private final Set<String> readers;

    /**
     * @param recorder the recorder to read
     * @param readers  the identities that may read it ({@code executor.callers.read})
     */
    public SandboxService(SandboxRecorder recorder, Set<String> readers) {
        this.recorder = recorder;
        this.readers = Set.copyOf(readers);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{trace_id}", this::recorded);
    }

    private void recorded(ServerRequest req, ServerResponse res) {
        Caller.of(req).require(readers);
        String traceId = req.path().pathParameters().get("trace_id");
        var records = recorder.recorded(traceId);
        if (records.isEmpty()) {
            throw ProblemException.of(Problem.of(404, "sandbox_records_not_found",
                    "Nothing was recorded by the sandbox for this trace_id.").withTraceId(traceId));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("trace_id", traceId);
        body.put("records", records);
        Responses.json(res, 200, body);
    }
}
