package org.bhiv.karma.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.bhiv.karma.rules.Action;
import org.bhiv.karma.rules.Balances;
import org.bhiv.karma.rules.Role;
import org.bhiv.server.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KarmaLedgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-31T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void repeatedEventIdIsAppliedOnce() {
        KarmaLedger ledger = new KarmaLedger(10, 10, CLOCK);
        KarmaLedger.Applied first = ledger.apply(entry("e-1", "u", Action.SELFLESS_SERVICE));
        KarmaLedger.Applied second = ledger.apply(entry("e-1", "u", Action.SELFLESS_SERVICE));

        assertThat(first.duplicate()).isFalse();
        assertThat(first.change()).isEqualTo(new Balances(0, 0, 25));
        assertThat(second.duplicate()).isTrue();
        assertThat(second.change()).isEqualTo(Balances.ZERO);
        assertThat(second.user().balances().punya()).isEqualTo(25);
        assertThat(ledger.eventsReceived()).isEqualTo(2);
    }

    @Test
    void eventsWithoutIdAreAllApplied() {
        KarmaLedger ledger = new KarmaLedger(10, 10, CLOCK);
        ledger.apply(entry(null, "u", Action.COMPLETING_LESSONS));
        ledger.apply(entry(null, "u", Action.COMPLETING_LESSONS));

        assertThat(ledger.find("u").orElseThrow().balances().dharma()).isEqualTo(10);
    }

    @Test
    void dedupWindowForgetsTheOldestIds() {
        KarmaLedger ledger = new KarmaLedger(10, 2, CLOCK);
        ledger.apply(entry("a", "u", Action.WORKFLOW_SUCCESS));
        ledger.apply(entry("b", "u", Action.WORKFLOW_SUCCESS));
        ledger.apply(entry("c", "u", Action.WORKFLOW_SUCCESS));

        assertThat(ledger.apply(entry("c", "u", Action.WORKFLOW_SUCCESS)).duplicate()).isTrue();
        assertThat(ledger.apply(entry("a", "u", Action.WORKFLOW_SUCCESS)).duplicate()).isFalse();
    }

    @Test
    void fullLedgerRefusesNewUsersButKeepsServingKnownOnes() {
        KarmaLedger ledger = new KarmaLedger(1, 10, CLOCK);
        ledger.apply(entry(null, "first", Action.WORKFLOW_SUCCESS));

        assertThatThrownBy(() -> ledger.apply(entry(null, "second", Action.WORKFLOW_SUCCESS)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(507);
                    assertThat(e.problem().errorCode()).isEqualTo("storage_full");
                });
        assertThat(ledger.apply(entry(null, "first", Action.WORKFLOW_SUCCESS)).user().balances().dharma()).isEqualTo(2);
    }

    @Test
    void roleIsComputedFromMeritWhateverRoleTheEventNames() {
        KarmaLedger ledger = new KarmaLedger(10, 10, CLOCK);
        for (int i = 0; i < 2; i++) {
            ledger.apply(new KarmaEntry(null, "u", Action.SELFLESS_SERVICE, Role.GURU, "t", "test", "bhiv_core"));
        }
        UserView view = ledger.find("u").orElseThrow();
        assertThat(view.meritScore()).isEqualTo(150.0);
        assertThat(view.role()).isEqualTo("volunteer");
        assertThat(view.lastUpdated()).isEqualTo("2026-01-31T10:00:00Z");
    }

    private static KarmaEntry entry(String eventId, String user, Action action) {
        return new KarmaEntry(eventId, user, action, Role.LEARNER, "trace", "test", "bhiv_core");
    }
}
