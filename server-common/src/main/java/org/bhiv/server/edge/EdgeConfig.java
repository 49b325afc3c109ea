package org.bhiv.server.edge;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * Timeouts of the HTTP edge, from the {@code server} config node.
 *
 * @param headerReadTimeout longest time from the end of a request line to the end of its headers
 *                          ({@code server.edge.header-read-timeout})
 * @param bodyReadTimeout   longest time to read a whole request body, from the end of its headers
 *                          ({@code server.edge.body-read-timeout})
 * @param idleTimeout       longest a connection may wait for (the first line of) its next request;
 *                          Helidon's own {@code server.idle-connection-timeout}, with a shorter default
 * @param idlePeriod        how often idle connections are looked for ({@code server.idle-connection-period})
 */
public record EdgeConfig(Duration headerReadTimeout, Duration bodyReadTimeout, Duration idleTimeout, Duration idlePeriod) {

    /** Every timeout must be positive. */
    public EdgeConfig {
        for (Duration d : new Duration[] {headerReadTimeout, bodyReadTimeout, idleTimeout, idlePeriod}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("server edge timeouts must be positive, got " + d);
            }
        }
    }

    /**
     * @param server the {@code server} node
     * @return the settings; defaults close a slowloris socket within seconds: 5 s for the head,
     *         10 s for the body, 10 s idle (checked every second)
     */
    public static EdgeConfig create(Config server) {
        Config edge = server.get("edge");
        return new EdgeConfig(
                edge.get("header-read-timeout").as(Duration.class).orElse(Duration.ofSeconds(5)),
                edge.get("body-read-timeout").as(Duration.class).orElse(Duration.ofSeconds(10)),
                server.get("idle-connection-timeout").as(Duration.class).orElse(Duration.ofSeconds(10)),
                server.get("idle-connection-period").as(Duration.class).orElse(Duration.ofSeconds(1)));
    }
}
