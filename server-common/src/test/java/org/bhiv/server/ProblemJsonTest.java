package org.bhiv.server;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemJsonTest {

    @Test
    void standardMembersComeFirstThenExtensionsInTheOrderAdded() throws Exception {
        Problem problem = Problem.of(403, "forbidden", "No.").with("success", false).with("message", "Unauthorized requester");

        assertThat(Json.mapper().writeValueAsString(problem)).isEqualTo("{\"type\":\"urn:bhiv:problem:forbidden\","
                + "\"title\":\"No.\",\"status\":403,\"detail\":\"forbidden\",\"error_code\":\"forbidden\","
                + "\"success\":false,\"message\":\"Unauthorized requester\"}");
    }

    @Test
    void anExtensionNamedLikeAStandardMemberReplacesItWithoutDuplicateKeys() throws Exception {
        Problem problem = Problem.of(400, "invalid_event_type", "Invalid event type").with("status", "error")
                .with("error", Map.of("code", "invalid_event_type"));

        String json = Json.mapper().writeValueAsString(problem);
        // The strict mapper refuses duplicate keys, so reading it back proves there are none.
        JsonNode node = Json.mapper().readTree(json);
        assertThat(node.get("status").asText()).isEqualTo("error");
        assertThat(node.get("error_code").asText()).isEqualTo("invalid_event_type");
        assertThat(node.at("/error/code").asText()).isEqualTo("invalid_event_type");
    }

    @Test
    void problemStillReadsBackIntoTheRecord() throws Exception {
        Problem problem = Problem.of(422, "invalid", "Bad.").withErrors(List.of(new FieldError("limit", "too big")))
                .withTraceId("t-1");

        Problem read = Json.mapper().readValue(Json.mapper().writeValueAsString(problem), Problem.class);

        assertThat(read.status()).isEqualTo(422);
        assertThat(read.errorCode()).isEqualTo("invalid");
        assertThat(read.traceId()).isEqualTo("t-1");
        assertThat(read.errors()).containsExactly(new FieldError("limit", "too big"));
    }
}
