package org.bhiv.server.edge;

import io.helidon.config.Config;
import io.helidon.http.HttpLogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;

/**
 * Puts the HTTP edge on a server: Helidon's idle-connection timeout with a short default, the
 * {@link ConnectionWatchdog} for slow heads and bodies, the {@link EdgeFilter}, and HTTP/1 wire
 * logging off (at TRACE Helidon would log request and response bytes, bodies included).
 */
public final class HttpEdge {

    private final EdgeConfig config;
    private final ConnectionWatchdog watchdog;

    private HttpEdge(EdgeConfig config) {
        this.config = config;
        this.watchdog = new ConnectionWatchdog(config);
    }

    /**
     * @param server the {@code server} config node
     * @return the edge for a server built from that node
     */
    public static HttpEdge create(Config server) {
        return new HttpEdge(EdgeConfig.create(server));
    }

    /**
     * Sets the server's idle timeout and HTTP/1 protocol; call before the server's own config is
     * applied, so that {@code server.idle-connection-timeout} and {@code server.protocols.http1} still win.
     *
     * @param builder the server builder
     * @param server  the {@code server} config node
     * @return the builder
     */
    public WebServerConfig.Builder configure(WebServerConfig.Builder builder, Config server) {
        Http1Config http1 = Http1Config.builder()
                .config(server.get("protocols.http1"))
                .log(HttpLogConfig.builder().receiveLog(false).sendLog(false).build())
                .addReceiveListener(watchdog)
                .build();
        // Without discovery: a discovered default HTTP/1 protocol beside this one would make two
        // candidates, and Helidon then blocks on a new connection's first bytes outside the reach
        // of its idle timeout (a socket that never sends would stay open).
        return builder.idleConnectionTimeout(config.idleTimeout())
                .idleConnectionPeriod(config.idlePeriod())
                .protocolsDiscoverServices(false)
                .addProtocol(http1);
    }

    /**
     * Adds the edge filter; it must come before any filter that reads the body.
     *
     * @param routing the routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.addFilter(new EdgeFilter(watchdog));
    }

    /**
     * Starts watching the server's connections until it stops.
     *
     * @param server the started server
     * @return the server
     */
    public WebServer watch(WebServer server) {
        watchdog.start(server::isRunning);
        return server;
    }
}
