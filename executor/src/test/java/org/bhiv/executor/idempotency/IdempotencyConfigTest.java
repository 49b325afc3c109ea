package org.bhiv.executor.idempotency;

import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyConfigTest {

    @Test
    void defaultsAreTwentyFourHoursRetentionTwoMinutesLeaseTenMinutesPurge() {
        IdempotencyConfig config = IdempotencyConfig.create(node(Map.of()));

        assertThat(config).isEqualTo(IdempotencyConfig.DEFAULTS);
        assertThat(config.retention()).isEqualTo(Duration.ofHours(24));
        assertThat(config.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.purgeInterval()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void everyValueIsConfigurable() {
        IdempotencyConfig config = IdempotencyConfig.create(node(Map.of(
                "executor.idempotency.retention", "PT1H",
                "executor.idempotency.lease", "PT30S",
                "executor.idempotency.purge-interval", "PT1M")));

        assertThat(config).isEqualTo(new IdempotencyConfig(Duration.ofHours(1), Duration.ofSeconds(30),
                Duration.ofMinutes(1)));
    }

    @Test
    void leaseLongerThanRetentionIsRefusedNamingBothKeys() {
        assertThatThrownBy(() -> IdempotencyConfig.create(node(Map.of(
                "executor.idempotency.retention", "PT1M",
                "executor.idempotency.lease", "PT5M"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("executor.idempotency.lease").hasMessageContaining("executor.idempotency.retention");
    }

    @Test
    void zeroRetentionIsRefused() {
        assertThatThrownBy(() -> IdempotencyConfig.create(node(Map.of("executor.idempotency.retention", "PT0S"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("executor.idempotency.retention must be a positive duration");
    }

    private static Config node(Map<String, String> values) {
        return Config.just(ConfigSources.create(values)).get("executor.idempotency");
    }
}
