package org.bhiv.karma.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KarmaRulesTest {

    @ParameterizedTest(name = "{0} -> Dharma {1}, Seva {2}, Punya {3}")
    @CsvSource({
            "completing_lessons, 5, 0, 0",
            "helping_peers,      0, 10, 0",
            "solving_doubts,     0, 8, 0",
            "selfless_service,   0, 0, 25",
            "workflow_success,   1, 0, 0",
            "workflow_failed,    0, 0, 0",
            "cheat,             -2, 0, 0",
    })
    void rewardTable(String action, long dharma, long seva, long punya) {
        assertThat(KarmaRules.change(Action.parse(action).orElseThrow(), 0)).isEqualTo(new Balances(dharma, seva, punya));
    }

    @ParameterizedTest(name = "cheat #{0} costs {1} Dharma")
    @CsvSource({"1, 2", "2, 5", "3, 10", "4, 20", "5, 40", "6, 100", "7, 100", "50, 100"})
    void cheatPenaltyEscalatesThenStaysAtOneHundred(long nth, long penalty) {
        assertThat(KarmaRules.cheatPenalty(nth)).isEqualTo(penalty);
        assertThat(KarmaRules.change(Action.CHEAT, nth - 1)).isEqualTo(new Balances(-penalty, 0, 0));
    }

    @ParameterizedTest(name = "Dharma {0}, Seva {1}, Punya {2} -> merit {3}")
    @CsvSource({"0, 0, 0, 0.0", "10, 0, 0, 10.0", "0, 10, 0, 12.0", "0, 0, 10, 30.0", "5, 8, 25, 89.6",
            "-177, 0, 0, -177.0", "1, 1, 1, 5.2"})
    void meritWeighsDharmaSevaAndPunya(long dharma, long seva, long punya, double merit) {
        assertThat(KarmaRules.merit(new Balances(dharma, seva, punya))).isEqualTo(merit);
    }

    @ParameterizedTest(name = "merit {0} -> {1}")
    @CsvSource({"-100, learner", "0, learner", "49.9, learner", "50, volunteer", "199.9, volunteer",
            "200, seva", "499.9, seva", "500, guru", "10000, guru"})
    void roleFollowsMeritThresholds(double merit, String role) {
        assertThat(KarmaRules.roleFor(merit).wire()).isEqualTo(role);
    }
}
