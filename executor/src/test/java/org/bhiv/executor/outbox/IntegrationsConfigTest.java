package org.bhiv.executor.outbox;

import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.bhiv.server.Configs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegrationsConfigTest {

    @Test
    void applicationYamlGivesTheContractDefaults() {
        var config = IntegrationsConfig.create(Configs.create(Map.of()).get("integrations"));

        assertThat(config.bucket().url().toString()).isEqualTo("http://localhost:8001");
        assertThat(config.bucket().endpoint().toString()).isEqualTo("http://localhost:8001/core/write-event");
        assertThat(config.bucket().enabled()).isTrue();
        assertThat(config.karma().url().toString()).isEqualTo("http://localhost:8000");
        assertThat(config.karma().endpoint().toString()).isEqualTo("http://localhost:8000/v1/event/");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxAttempts()).isEqualTo(20);
        assertThat(config.maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.backoffInitial()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.backoffMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxPending()).isEqualTo(100_000);
        assertThat(config.batchSize()).isEqualTo(32);
        assertThat(config.concurrency()).isEqualTo(32);
    }

    @Test
    void anEmptyNodeGivesTheSameDefaults() {
        var config = IntegrationsConfig.create(Config.empty().get("integrations"));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxPending()).isEqualTo(100_000);
        assertThat(config.karma().token()).isEmpty();
        assertThat(config.batchSize()).isEqualTo(32);
        assertThat(config.concurrency()).isEqualTo(32);
    }

    @Test
    void aPassMayTakeOneTimeoutPerWaveOfConcurrentRequests() {
        assertThat(create(Map.of()).passTimeout()).as("32 events, 32 at a time, 2 s each").isEqualTo(Duration.ofSeconds(2));
        assertThat(create(Map.of("integrations.outbox.batch-size", "256")).passTimeout()).as("8 waves").isEqualTo(Duration.ofSeconds(16));
        assertThat(create(Map.of("integrations.outbox.batch-size", "33", "integrations.outbox.concurrency", "32",
                "integrations.timeout", "PT1S")).passTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(create(Map.of("integrations.outbox.batch-size", "4", "integrations.outbox.concurrency", "64"))
                .passTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void concurrencyBelowOneIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> create(Map.of("integrations.outbox.concurrency", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("integrations.outbox.concurrency must be at least 1, was 0");
        assertThatThrownBy(() -> create(Map.of("integrations.outbox.batch-size", "-3")))
                .hasMessage("integrations.outbox.batch-size must be at least 1, was -3");
        assertThatThrownBy(() -> create(Map.of("integrations.outbox.concurrency", "many")))
                .hasMessageContaining("integrations.outbox.concurrency");
    }

    @Test
    void timeoutOverTwoSecondsIsRefusedAtStartUp() {
        assertThatThrownBy(() -> create(Map.of("integrations.timeout", "PT2.001S")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integrations.timeout")
                .hasMessageContaining("at most PT2S")
                .hasMessageContaining("PT2.001S");
        assertThatThrownBy(() -> create(Map.of("integrations.timeout", "PT0S")))
                .hasMessageContaining("integrations.timeout");
        assertThat(create(Map.of("integrations.timeout", "PT0.5S")).timeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> create(Map.of("integrations.max-attempts", "0")))
                .hasMessageContaining("integrations.max-attempts");
        assertThatThrownBy(() -> create(Map.of("integrations.outbox.max-pending", "-1")))
                .hasMessageContaining("integrations.outbox.max-pending");
        assertThatThrownBy(() -> create(Map.of("integrations.backoff.max", "PT0.1S")))
                .hasMessageContaining("integrations.backoff.max");
        assertThatThrownBy(() -> create(Map.of("integrations.bucket.url", "ftp://x")))
                .hasMessageContaining("integrations.bucket.url");
    }

    @Test
    void credentialsInASinkUrlAreRefusedNamingTheKeyWithoutEchoingThem() {
        assertThatThrownBy(() -> create(Map.of("integrations.bucket.url", "http://admin:hunter2@bucket:8001")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integrations.bucket.url must not contain credentials")
                .hasMessageContaining("integrations.bucket.token")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> create(Map.of("integrations.karma.url", "https://token@karma")))
                .hasMessageContaining("integrations.karma.url must not contain credentials")
                .hasMessageNotContaining("token@");
        assertThatThrownBy(() -> create(Map.of("integrations.karma.url", "ftp://u:hunter2@karma")))
                .hasMessageContaining("integrations.karma.url")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> create(Map.of("integrations.karma.url", "http://u:hunter2@karma host")))
                .hasMessageContaining("integrations.karma.url is not a URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void tokensNeverAppearInToString() {
        var config = create(Map.of("integrations.bucket.token", "s3cr3t", "integrations.karma.enabled", "false"));
        assertThat(config.bucket().token()).isEqualTo("s3cr3t");
        assertThat(config.toString()).doesNotContain("s3cr3t").contains("token=***");
        assertThat(config.karma().enabled()).isFalse();
    }

    private static IntegrationsConfig create(Map<String, String> values) {
        return IntegrationsConfig.create(Config.just(ConfigSources.create(values)).get("integrations"));
    }
}
