package org.bhiv.trace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one trace-id rule, pinned by a known value that core-bridge's and the executor's tests also check. */
class TraceContextTest {

    /** SHA-256("trace-1"), first 32 hex digits: {@code printf trace-1 | sha256sum}. */
    static final String TRACE_1 = "17fe6f303311c0b164b937e419518c1f";

    @Test
    void aDecisionsTraceIdIsTheFirstHalfOfTheSha256OfItsTraceId() {
        assertThat(TraceContext.traceIdOf("trace-1")).isEqualTo(TRACE_1);
        assertThat(TraceContext.forDecision("trace-1", "00f067aa0ba902b7"))
                .isEqualTo("00-" + TRACE_1 + "-00f067aa0ba902b7-01");
    }

    @Test
    void aValidIncomingTraceparentIsContinuedAndAnInvalidOneReplaced() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
        assertThat(TraceContext.continueOrStart(incoming, "trace-1", "1111111111111111"))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-00");
        for (String bad : new String[] {null, "garbage", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-" + "0".repeat(16) + "-01"}) {
            assertThat(TraceContext.continueOrStart(bad, "trace-1", "1111111111111111"))
                    .isEqualTo("00-" + TRACE_1 + "-1111111111111111-01");
        }
    }

    @Test
    void spanIdsAreStablePerSeedAndValid() {
        String span = TraceContext.spanIdOf("evt_a");
        assertThat(span).hasSize(16).isEqualTo(TraceContext.spanIdOf("evt_a")).isNotEqualTo(TraceContext.spanIdOf("evt_b"));
        assertThat(TraceContext.isValid(TraceContext.forDecision("x", span))).isTrue();
        assertThat(TraceContext.traceIdIn(TraceContext.forDecision("trace-1", span))).isEqualTo(TRACE_1);
    }
}
