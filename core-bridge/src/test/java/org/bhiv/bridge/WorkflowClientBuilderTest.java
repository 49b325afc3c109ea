package org.bhiv.bridge;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowClientBuilderTest {

    @Test
    void buildWithoutBaseUriFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUri is required");
    }

    @Test
    void blankBaseUriFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().baseUri(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUri is required");
    }

    @Test
    void nonHttpBaseUriFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().baseUri("ftp://localhost:8003"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUri must be an absolute http or https URI: ftp://localhost:8003");
    }

    @Test
    void relativeBaseUriFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().baseUri("localhost:8003"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("baseUri must be an absolute http or https URI");
    }

    @Test
    void unparseableBaseUriFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().baseUri("http://local host:8003"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("baseUri is not a valid URI");
    }

    @Test
    void baseUriWithQueryFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().baseUri("http://localhost:8003/?x=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUri must not have a query or fragment: http://localhost:8003/?x=1");
    }

    @Test
    void zeroTimeoutFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be > 0 and <= PT2S: PT0S");
    }

    @Test
    void timeoutOverTwoSecondsFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().timeout(Duration.ofMillis(2001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be > 0 and <= PT2S: PT2.001S");
    }

    @Test
    void nullTimeoutFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().timeout(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout is required");
    }

    @Test
    void zeroMaxInFlightFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().maxInFlight(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxInFlight must be >= 1: 0");
    }

    @Test
    void negativeRetryBudgetFails() {
        assertThatThrownBy(() -> WorkflowClient.builder().maxRetries(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetries must be >= 0: -1");
    }

    @Test
    void tokenWithLineBreakFailsWithoutShowingIt() {
        assertThatThrownBy(() -> WorkflowClient.builder().token("sec\r\nret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token must be visible ASCII without spaces (character 3 is not)")
                .hasMessageNotContaining("sec");
    }

    @Test
    void defaultsAreTwoSecondsSixtyFourInFlightTwoRetries() {
        try (WorkflowClient client = WorkflowClient.builder().baseUri("http://localhost:8003/").build()) {
            assertThat(client.toString()).isEqualTo("WorkflowClient[baseUri=http://localhost:8003, token=none, "
                    + "timeout=PT2S, maxInFlight=64, maxRetries=2]");
            assertThat(client.stats()).isEqualTo(new WorkflowStats(0, 0, 0, 0, 0, 0, 0));
        }
    }

    @Test
    void toStringNeverShowsTheToken() {
        try (WorkflowClient client = WorkflowClient.builder().baseUri(URI.create("https://executor.example"))
                .token("s3cr3t-token").build()) {
            assertThat(client.toString()).contains("token=***").doesNotContain("s3cr3t");
        }
    }

    @Test
    void newBuilderDerivesAClientAndLeavesTheOriginalAlone() {
        try (WorkflowClient original = WorkflowClient.builder().baseUri("http://localhost:8003")
                .token("t").timeout(Duration.ofMillis(500)).maxInFlight(3).maxRetries(1).build();
             WorkflowClient derived = original.newBuilder().maxInFlight(7).build()) {
            assertThat(original.toString()).contains("maxInFlight=3").contains("timeout=PT0.5S");
            assertThat(derived.toString()).isEqualTo("WorkflowClient[baseUri=http://localhost:8003, token=***, "
                    + "timeout=PT0.5S, maxInFlight=7, maxRetries=1]");
        }
    }

    @Test
    void blankTokenMeansNone() {
        try (WorkflowClient client = WorkflowClient.builder().baseUri("http://localhost:8003").token("  ").build()) {
            assertThat(client.toString()).contains("token=none");
        }
    }
}
