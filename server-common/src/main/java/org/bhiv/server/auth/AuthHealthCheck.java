package org.bhiv.server.auth;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * The authentication mode in Helidon's {@code /observe/health} too ({@code checks: [{"name":
 * "auth", "status": "UP", "data": {"mode": "tokens+anonymous-execute"}}]}), so that every health
 * answer says whether callers without a token are let in. Always up.
 *
 * @param mode what {@link AnonymousAccess#mode(Tokens)} reports
 */
public record AuthHealthCheck(String mode) implements HealthCheck {

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.builder().status(true).detail("mode", mode).build();
    }
}
