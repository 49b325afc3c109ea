package org.bhiv.server.auth;

import java.util.Optional;
import java.util.Set;

import org.bhiv.server.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

    private static final Set<String> WRITERS = Set.of("bhiv_core", "workflow_executor");

    @Test
    void tokenTableProvesIdentityAndRejectsUnknownTokens() {
        var tokens = Tokens.of("core-secret", "bhiv_core", "exec-secret", "workflow_executor");
        assertThat(tokens.identityOf("exec-secret")).contains("workflow_executor");
        assertThat(tokens.identityOf("exec-secret ")).isEmpty();
        assertThat(tokens.identityOf("")).isEmpty();
        assertThat(tokens.toString()).doesNotContain("secret");
    }

    @Test
    void missingTokenIs401WithBearerChallenge() {
        var caller = new Caller(Optional.empty(), false);
        assertThatThrownBy(() -> caller.require(WRITERS))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(401);
                    assertThat(e.headers()).containsEntry("WWW-Authenticate", "Bearer");
                });
    }

    @Test
    void knownIdentityOutsideTheAllowedSetIs403() {
        var caller = new Caller(Optional.of("operator"), false);
        assertThatThrownBy(() -> caller.require(WRITERS))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(403));
    }

    @Test
    void claimedRequesterMustEqualProvenIdentity() {
        var caller = new Caller(Optional.of("workflow_executor"), false);
        assertThat(caller.requireRequester("workflow_executor", WRITERS)).isEqualTo("workflow_executor");
        assertThatThrownBy(() -> caller.requireRequester("bhiv_core", WRITERS))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(403));
    }

    @Test
    void openModeBelievesTheClaimButStillAppliesTheAllowList() {
        var caller = new Caller(Optional.empty(), true);
        assertThat(caller.requireRequester("bhiv_core", WRITERS)).isEqualTo("bhiv_core");
        assertThatThrownBy(() -> caller.requireRequester("intruder", WRITERS))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(403));
    }
}
