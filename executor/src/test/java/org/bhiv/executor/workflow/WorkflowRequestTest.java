package org.bhiv.executor.workflow;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.JsonBodies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowRequestTest {

    @Test
    void canonicalBodyIgnoresMemberOrderAndWhitespace() {
        var a = request("{\"trace_id\":\"t\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\",\"payload\":{\"b\":1,\"a\":2}}}");
        var b = request("{ \"data\": {\"payload\": {\"a\": 2, \"b\": 1}, \"workflow_type\": \"workflow\"}, \"decision\": \"workflow\", \"trace_id\": \"t\" }");

        assertThat(new String(a.canonicalBody(), StandardCharsets.UTF_8))
                .isEqualTo(new String(b.canonicalBody(), StandardCharsets.UTF_8))
                .isEqualTo("{\"data\":{\"payload\":{\"a\":2,\"b\":1},\"workflow_type\":\"workflow\"},\"decision\":\"workflow\",\"trace_id\":\"t\"}");
    }

    @Test
    void onlyWorkflowDecisionsWithAPayloadAreExecutable() {
        ObjectNode body = JsonBodies.parseObject("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new WorkflowRequest("t", "t", "respond", body, body))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkflowRequest("t", "t", "workflow", body.objectNode(), body))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static WorkflowRequest request(String json) {
        ObjectNode body = JsonBodies.parseObject(json.getBytes(StandardCharsets.UTF_8));
        var shape = WorkflowShape.check(body, java.util.Optional.empty());
        return new WorkflowRequest(shape.traceId(), shape.idempotencyKey(), shape.decision(), shape.payload(), body);
    }
}
