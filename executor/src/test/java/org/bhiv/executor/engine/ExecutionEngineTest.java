package org.bhiv.executor.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.executor.adapters.Adapter;
import org.bhiv.executor.adapters.AdapterCall;
import org.bhiv.executor.adapters.AdapterOutcome;
import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionEngineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final Adapter broken = new Adapter() {
        @Override
        public String actionType() {
            return "broken";
        }

        @Override
        public AdapterOutcome execute(AdapterCall call) {
            throw new IllegalStateException("a defect");
        }
    };
    private final Adapter fine = new Adapter() {
        @Override
        public String actionType() {
            return "fine";
        }

        @Override
        public AdapterOutcome execute(AdapterCall call) {
            return new AdapterOutcome.Succeeded("sandbox", Map.of("id", call.id("f_")));
        }
    };
    private final Adapter sneaky = adapter("sneaky", () -> {
        throw ExecutionEngineTest.<RuntimeException>sneakyThrow(new java.io.IOException("undeclared"));
    });
    private final Adapter exhausted = adapter("exhausted", () -> {
        throw new OutOfMemoryError("simulated");
    });
    private final ExecutionEngine engine =
            new ExecutionEngine(new AdapterRegistry(List.of(broken, fine, sneaky, exhausted)), CLOCK);

    @Test
    void adapterDefectBecomesInternalExecutionErrorAndTheEngineKeepsWorking() {
        var outcome = engine.run("t1", "t1", payload("broken"), new Effects());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.result().path("error_code").asText()).isEqualTo("internal_execution_error");
        assertThat(outcome.result().path("message").asText()).doesNotContain("a defect");
        assertThat(engine.run("t2", "t2", payload("fine"), new Effects()).success()).isTrue();
    }

    @Test
    void anUndeclaredCheckedExceptionIsADefectToo() {
        var outcome = engine.run("t5", "t5", payload("sneaky"), new Effects());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.result().path("error_code").asText()).isEqualTo("internal_execution_error");
        assertThat(outcome.result().path("retryable").asBoolean()).isTrue();
        assertThat(outcome.result().path("message").asText()).doesNotContain("undeclared");
    }

    @Test
    void anErrorIsNotSwallowedAsAFailedExecution() {
        assertThatThrownBy(() -> engine.run("t6", "t6", payload("exhausted"), new Effects()))
                .isInstanceOf(OutOfMemoryError.class).hasMessage("simulated");
        assertThat(engine.run("t7", "t7", payload("fine"), new Effects()).success()).isTrue();
    }

    @Test
    void successEnvelopeCarriesTraceIdTimestampProviderAndAdapterFields() {
        var result = engine.run("t3", "k3", payload("fine"), new Effects()).result();

        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("trace_id").asText()).isEqualTo("t3");
        assertThat(result.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(result.path("provider").asText()).isEqualTo("sandbox");
        assertThat(result.path("id").asText()).matches("f_[0-9a-f]{16}");
    }

    @Test
    void unsupportedActionTypeNamesTheSupportedOnesAndIsNotATagValue() {
        var outcome = engine.run("t4", "t4", payload("teleport"), new Effects());

        assertThat(outcome.actionType()).isEqualTo("unsupported");
        assertThat(outcome.result().path("error_code").asText()).isEqualTo("unsupported_action_type");
        assertThat(outcome.result().path("message").asText()).contains("broken", "fine");
    }

    @Test
    void adaptersWithTheSameActionTypeAreRefused() {
        assertThatThrownBy(() -> new AdapterRegistry(List.of(fine, fine))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Adapter adapter(String actionType, java.util.function.Supplier<AdapterOutcome> body) {
        return new Adapter() {
            @Override
            public String actionType() {
                return actionType;
            }

            @Override
            public AdapterOutcome execute(AdapterCall call) {
                return body.get();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    private static ObjectNode payload(String actionType) {
        return Json.mapper().createObjectNode().put("action_type", actionType);
    }
}
