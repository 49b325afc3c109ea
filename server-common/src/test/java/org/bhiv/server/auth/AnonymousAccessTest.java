package org.bhiv.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnonymousAccessTest {

    private static Config security(Map<String, String> values) {
        return Config.just(ConfigSources.create(values)).get("security");
    }

    @Test
    void offUnlessConfigured() {
        AnonymousAccess access = AnonymousAccess.create(security(Map.of()), Set.of("execute"));
        assertThat(access.allows("execute")).isFalse();
        assertThat(access.mode(Tokens.of("t", "bhiv_core"))).isEqualTo("tokens");
        assertThat(access.mode(Tokens.of())).isEqualTo("open");
    }

    @Test
    void namedOperationsAreAllowedAndReported() {
        AnonymousAccess access = AnonymousAccess.create(security(Map.of("security.anonymous.allow", "execute")), Set.of("execute"));
        assertThat(access.allows("execute")).isTrue();
        assertThat(access.allows("executions")).isFalse();
        assertThat(access.mode(Tokens.of("t", "bhiv_core"))).isEqualTo("tokens+anonymous-execute");
    }

    @Test
    void anOperationTheServiceDoesNotOfferIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> AnonymousAccess.create(security(Map.of("security.anonymous.allow", "execute,read")),
                Set.of("execute")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("security.anonymous.allow").hasMessageContaining("'read'");
    }

    @Test
    void realProvidersNeedTheConfirmingKey() {
        Config on = security(Map.of("security.anonymous.allow", "execute"));
        AnonymousAccess access = AnonymousAccess.create(on, Set.of("execute"));
        assertThatThrownBy(() -> access.requireConfirmedBeside(on, List.of("whatsapp=cloud-api")))
                .hasMessageContaining(AnonymousAccess.KEY).hasMessageContaining(AnonymousAccess.CONFIRM_KEY)
                .hasMessageContaining("whatsapp=cloud-api");
        assertThatCode(() -> access.requireConfirmedBeside(on, List.of())).doesNotThrowAnyException();
        Config confirmed = security(Map.of("security.anonymous.allow", "execute",
                "security.anonymous.allow-with-real-providers", "true"));
        assertThatCode(() -> access.requireConfirmedBeside(confirmed, List.of("whatsapp=cloud-api"))).doesNotThrowAnyException();
        assertThatCode(() -> AnonymousAccess.none().requireConfirmedBeside(on, List.of("whatsapp=cloud-api")))
                .doesNotThrowAnyException();
    }
}
