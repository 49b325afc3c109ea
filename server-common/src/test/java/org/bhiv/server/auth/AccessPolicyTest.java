package org.bhiv.server.auth;

import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.bhiv.server.ProblemHandlers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token filter, {@link Caller#of} and {@link AccessPolicy} on a real route, with a problem
 * decorator on every refusal.
 */
@ServerTest
class AccessPolicyTest {

    private static final AccessPolicy READERS = new AccessPolicy(Set.of("bhiv_core"), true);

    private final WebClient client;

    AccessPolicyTest(WebClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ProblemHandlers.register(routing, (req, problem) -> problem.with("decorated", true));
        routing.addFilter(BearerTokenFilter.create(Tokens.of("core", "bhiv_core", "exec", "workflow_executor"), "test"))
                .get("/read", (req, res) -> res.send(READERS.check(req)));
    }

    @Test
    void allowedTokenIsLetInByItsIdentity() {
        try (HttpClientResponse res = get("core")) {
            assertThat(res.status().code()).isEqualTo(200);
            assertThat(res.as(String.class)).isEqualTo("bhiv_core");
        }
    }

    @Test
    void noCredentialsAtAllIsAnonymousWhenAllowed() {
        try (HttpClientResponse res = get(null)) {
            assertThat(res.status().code()).isEqualTo(200);
            assertThat(res.as(String.class)).isEqualTo(Caller.ANONYMOUS);
        }
    }

    @Test
    void wrongTokenIs401EvenWhenAnonymousIsAllowed() {
        try (HttpClientResponse res = get("guess")) {
            assertThat(res.status().code()).isEqualTo(401);
            assertThat(res.headers().first(HeaderNames.WWW_AUTHENTICATE)).contains("Bearer");
            assertThat(res.as(String.class)).contains("\"decorated\":true").contains("unauthenticated");
        }
    }

    @Test
    void knownIdentityOutsideThePolicyIs403() {
        try (HttpClientResponse res = get("exec")) {
            assertThat(res.status().code()).isEqualTo(403);
            assertThat(res.as(String.class)).contains("workflow_executor");
        }
    }

    @Test
    void unknownRouteIsADecoratedProblem() {
        try (HttpClientResponse res = client.get("/nothing").request()) {
            assertThat(res.status().code()).isEqualTo(404);
            assertThat(res.as(String.class)).contains("\"decorated\":true").contains("not_found");
        }
    }

    @Test
    void identitiesComeFromAListOrACommaSeparatedString() {
        Config config = Config.just(ConfigSources.create(Map.of("a", " x, y ,,z", "b.0", "p", "b.1", "q")));
        assertThat(AccessPolicy.identities(config.get("a"), Set.of())).containsExactlyInAnyOrder("x", "y", "z");
        assertThat(AccessPolicy.identities(config.get("b"), Set.of())).containsExactlyInAnyOrder("p", "q");
        assertThat(AccessPolicy.identities(config.get("c"), Set.of("d"))).containsExactly("d");
    }

    private HttpClientResponse get(String token) {
        var req = client.get("/read");
        if (token != null) {
            req.header(HeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        return req.request();
    }

}
