package org.bhiv.server.auth;

import java.lang.System.Logger.Level;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Proves who calls from {@code Authorization: Bearer <token>} and registers the
 * {@link Caller} in the request context. It refuses nothing itself: each route decides what
 * it needs, so health and metrics stay open.
 */
public final class BearerTokenFilter implements Filter {

    private static final System.Logger LOGGER = System.getLogger(BearerTokenFilter.class.getName());
    private static final String PREFIX = "bearer ";

    private final Tokens tokens;

    private BearerTokenFilter(Tokens tokens) {
        this.tokens = tokens;
    }

    /**
     * Creates the filter and, in open mode, logs the start-up warning the contracts require.
     *
     * @param tokens  the token table
     * @param service the service's name, for the warning
     * @return the filter
     */
    public static BearerTokenFilter create(Tokens tokens, String service) {
        if (tokens.open()) {
            LOGGER.log(Level.WARNING, service + " runs in OPEN mode: no security.tokens configured, "
                    + "callers are trusted by the requester_id they claim. Configure tokens outside a local sandbox.");
        }
        return new BearerTokenFilter(tokens);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> identity = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, PREFIX, 0, PREFIX.length()))
                .map(h -> h.substring(PREFIX.length()).strip())
                .flatMap(tokens::identityOf);
        req.context().register(new Caller(identity, tokens.open()));
        chain.proceed();
    }
}
