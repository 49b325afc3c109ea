package org.bhiv.executor.store;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * The store's health: the {@code store} section of {@code GET /healthz} and the readiness check
 * of {@code /observe/health} ("ready" = the database answers).
 */
public final class StoreHealth implements HealthCheck {

    private final Database database;

    /** @param database the executor's database */
    public StoreHealth(Database database) {
        this.database = database;
    }

    /** @return {@code {"kind": "h2" | "postgresql", "ok": true | false}} */
    public Map<String, Object> section() {
        var section = new LinkedHashMap<String, Object>();
        section.put("kind", database.kind());
        section.put("ok", database.ping());
        return section;
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        boolean ok = database.ping();
        return HealthCheckResponse.builder()
                .status(ok)
                .detail("kind", database.kind())
                .build();
    }
}
