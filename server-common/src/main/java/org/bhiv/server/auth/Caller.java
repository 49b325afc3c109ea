package org.bhiv.server.auth;

import java.util.Optional;
import java.util.Set;

import io.helidon.webserver.http.ServerRequest;
import org.bhiv.server.ProblemException;

/**
 * Who is calling, as proven by {@link BearerTokenFilter}. Handlers ask it for permission;
 * refusals are 401 (no or unknown token) with {@code WWW-Authenticate: Bearer}, or 403 (known
 * identity, forbidden operation).
 *
 * @param identity the proven identity, empty when no valid token was presented
 * @param open     true when the service has no tokens configured (sandbox mode)
 */
public record Caller(Optional<String> identity, boolean open) {

    /** The 401 title: what is missing and where a token comes from. */
    static final String UNAUTHENTICATED = "A valid bearer token is required: send 'Authorization: Bearer <token>'."
            + " On the local stack, 'bin/stack tokens' prints the file that holds them (.run/tokens.env);"
            + " a service's tokens are its security.tokens config, and security.anonymous.allow names what"
            + " callers without a token may do.";

    /** The identity reported for an unauthenticated caller of an open service. */
    public static final String ANONYMOUS = "anonymous";

    /**
     * @param req a request that passed {@link BearerTokenFilter}
     * @return its caller
     */
    public static Caller of(ServerRequest req) {
        return req.context().get(Caller.class)
                .orElseThrow(() -> new IllegalStateException("BearerTokenFilter is not installed on this routing"));
    }

    /**
     * Requires one of the allowed identities. In open mode everyone is allowed.
     *
     * @param allowed identities that may do this
     * @return the caller's identity ({@link #ANONYMOUS} in open mode without a token)
     * @throws ProblemException 401 or 403
     */
    public String require(Set<String> allowed) {
        if (open) {
            return identity.orElse(ANONYMOUS);
        }
        String who = identity.orElseThrow(Caller::unauthenticated);
        if (!allowed.contains(who)) {
            throw forbidden(who);
        }
        return who;
    }

    /**
     * Requires a body's {@code requester_id} to be the proven identity and one of the allowed
     * ones. In open mode the claim is believed, as the original services did.
     *
     * @param claimed the {@code requester_id} the body names (may be {@code null})
     * @param allowed identities that may do this
     * @return the identity the operation is done as
     * @throws ProblemException 401 or 403
     */
    public String requireRequester(String claimed, Set<String> allowed) {
        if (open) {
            String who = claimed == null || claimed.isBlank() ? identity.orElse(ANONYMOUS) : claimed;
            if (!allowed.contains(who)) {
                throw forbidden(who);
            }
            return who;
        }
        String who = identity.orElseThrow(Caller::unauthenticated);
        if (claimed != null && !claimed.equals(who)) {
            throw ProblemException.of(403, "requester_mismatch",
                    "The requester_id in the body is not the identity of the token.");
        }
        if (!allowed.contains(who)) {
            throw forbidden(who);
        }
        return who;
    }

    /** @return "tokens" or "open", as health answers report it */
    public static String mode(Tokens tokens) {
        return tokens.open() ? "open" : "tokens";
    }

    private static ProblemException unauthenticated() {
        return ProblemException.of(401, "unauthenticated", UNAUTHENTICATED)
                .withHeader("WWW-Authenticate", "Bearer");
    }

    private static ProblemException forbidden(String who) {
        return ProblemException.of(403, "forbidden", "The identity '" + who + "' may not do this.");
    }
}
