package org.bhiv.executor.workflow;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.JsonBodies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowRequestTest {

    @Test
    void onlyWorkflowDecisionsWithAPayloadAreExecutable() {
        ObjectNode body = JsonBodies.parseObject("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new WorkflowRequest("t", "t", "respond", body, body, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkflowRequest("t", "t", "workflow", body.objectNode(), body, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
