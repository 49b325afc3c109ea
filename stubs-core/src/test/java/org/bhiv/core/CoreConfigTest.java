package org.bhiv.core;

import java.time.Duration;
import java.util.Map;

import org.bhiv.server.Configs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoreConfigTest {

    @Test
    void defaultsComeFromApplicationYaml() {
        var config = Configs.create(Map.of());

        var executor = WorkflowExecutorConfig.create(config.get("workflow-executor"));
        var bucket = BucketConfig.create(config.get("bucket"));

        assertThat(executor).isEqualTo(new WorkflowExecutorConfig("http://localhost:8003", null, Duration.ofSeconds(2), 64, 2,
                Duration.ofSeconds(5)));
        assertThat(bucket).isEqualTo(new BucketConfig("http://localhost:8001", null, Duration.ofSeconds(2), 64));
    }

    @Test
    void everyKeyCanBeOverridden() {
        var config = Configs.create(Map.of("workflow-executor.url", "http://executor:9003/",
                "workflow-executor.token", "t1", "workflow-executor.timeout", "PT0.5S",
                "workflow-executor.max-in-flight", "8", "workflow-executor.retries", "0",
                "workflow-executor.health-interval", "PT0.25S",
                "bucket.url", "https://bucket.example", "bucket.token", "t2", "bucket.timeout", "PT1S",
                "bucket.max-in-flight", "4"));

        assertThat(WorkflowExecutorConfig.create(config.get("workflow-executor")))
                .isEqualTo(new WorkflowExecutorConfig("http://executor:9003/", "t1", Duration.ofMillis(500), 8, 0,
                        Duration.ofMillis(250)));
        assertThat(BucketConfig.create(config.get("bucket")))
                .isEqualTo(new BucketConfig("https://bucket.example", "t2", Duration.ofSeconds(1), 4));
    }

    @Test
    void environmentVariableNamesReachTheirKeys() {
        Map<String, String> env = Map.of(
                "WORKFLOW_dash_EXECUTOR_URL", "http://executor:8003",
                "WORKFLOW_dash_EXECUTOR_TOKEN", "t1",
                "WORKFLOW_dash_EXECUTOR_TIMEOUT", "PT1S",
                "WORKFLOW_dash_EXECUTOR_MAX_dash_IN_dash_FLIGHT", "16",
                "WORKFLOW_dash_EXECUTOR_RETRIES", "1",
                "BUCKET_URL", "http://bucket:8001",
                "BUCKET_TOKEN", "t2",
                "BUCKET_TIMEOUT", "PT0.5S",
                "BUCKET_MAX_dash_IN_dash_FLIGHT", "8");
        var config = io.helidon.config.Config.just(io.helidon.config.ConfigSources.create(
                io.helidon.config.EnvironmentVariables.expand(env)));

        assertThat(WorkflowExecutorConfig.create(config.get("workflow-executor")))
                .isEqualTo(new WorkflowExecutorConfig("http://executor:8003", "t1", Duration.ofSeconds(1), 16, 1,
                        Duration.ofSeconds(5)));
        assertThat(BucketConfig.create(config.get("bucket")))
                .isEqualTo(new BucketConfig("http://bucket:8001", "t2", Duration.ofMillis(500), 8));
    }

    @Test
    void blankTokenIsNoToken() {
        var config = Configs.create(Map.of("workflow-executor.token", " ", "bucket.token", ""));

        assertThat(WorkflowExecutorConfig.create(config.get("workflow-executor")).token()).isNull();
        assertThat(BucketConfig.create(config.get("bucket")).token()).isNull();
    }

    @Test
    void executorTimeoutOverTwoSecondsStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> Main.start(Configs.create(Map.of("server.port", "0", "logging.file", "",
                "workflow-executor.timeout", "PT5S"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow-executor: timeout must be > 0 and <= PT2S: PT5S");
    }

    @Test
    void bucketTimeoutOverTwoSecondsIsRefused() {
        assertThatThrownBy(() -> BucketConfig.create(Configs.create(Map.of("bucket.timeout", "PT3S")).get("bucket")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucket.timeout must be > 0 and <= PT2S: PT3S");
    }

    @Test
    void unparseableDurationNamesTheKey() {
        assertThatThrownBy(() -> WorkflowExecutorConfig.create(
                Configs.create(Map.of("workflow-executor.timeout", "2s")).get("workflow-executor")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow-executor.timeout must be an ISO-8601 duration such as PT2S: 2s");
    }

    @Test
    void nonHttpBucketUrlIsRefused() {
        assertThatThrownBy(() -> BucketConfig.create(Configs.create(Map.of("bucket.url", "ftp://x")).get("bucket")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucket.url must be an absolute http or https URL: ftp://x");
    }

    @Test
    void tokensNeverShowInToString() {
        var executor = new WorkflowExecutorConfig("http://x", "secret-1", Duration.ofSeconds(1), 1, 0, Duration.ofSeconds(5));
        var bucket = new BucketConfig("http://x", "secret-2", Duration.ofSeconds(1), 1);

        assertThat(executor.toString()).contains("token=***").doesNotContain("secret-1");
        assertThat(bucket.toString()).contains("token=***").doesNotContain("secret-2");
    }
}
