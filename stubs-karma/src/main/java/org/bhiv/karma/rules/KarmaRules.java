package org.bhiv.karma.rules;

import java.util.List;
import java.util.Map;

/**
 * Karma's rules, all in one place (section 6 of the contracts):
 * <ul>
 *   <li>rewards: completing_lessons Dharma +5, helping_peers Seva +10, solving_doubts Seva +8,
 *       selfless_service Punya +25, workflow_success Dharma +1, workflow_failed nothing;</li>
 *   <li>cheat: Dharma -2, -5, -10, -20, -40 for the first five, then -100 for every further one;</li>
 *   <li>merit = Dharma x 1.0 + Seva x 1.2 + Punya x 3.0;</li>
 *   <li>role by merit: learner from 0 (and below), volunteer from 50, seva from 200, guru from 500.</li>
 * </ul>
 */
public final class KarmaRules {

    private static final Map<Action, Balances> REWARDS = Map.of(
            Action.COMPLETING_LESSONS, new Balances(5, 0, 0),
            Action.HELPING_PEERS, new Balances(0, 10, 0),
            Action.SOLVING_DOUBTS, new Balances(0, 8, 0),
            Action.SELFLESS_SERVICE, new Balances(0, 0, 25),
            Action.WORKFLOW_SUCCESS, new Balances(1, 0, 0),
            Action.WORKFLOW_FAILED, Balances.ZERO);

    private static final List<Long> CHEAT_PENALTIES = List.of(2L, 5L, 10L, 20L, 40L);
    private static final long REPEATED_CHEAT_PENALTY = 100;

    private KarmaRules() {
    }

    /**
     * @param action      what the user did
     * @param cheatsSoFar how many cheats the user committed before this one
     * @return the change to the user's balances
     */
    public static Balances change(Action action, long cheatsSoFar) {
        if (action == Action.CHEAT) {
            return new Balances(-cheatPenalty(cheatsSoFar + 1), 0, 0);
        }
        return REWARDS.get(action);
    }

    /**
     * @param nth which cheat this is, 1 for the first
     * @return the Dharma taken away (positive)
     */
    public static long cheatPenalty(long nth) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth counts from 1, was " + nth);
        }
        return nth <= CHEAT_PENALTIES.size() ? CHEAT_PENALTIES.get((int) nth - 1) : REPEATED_CHEAT_PENALTY;
    }

    /**
     * Computed in tenths so that decimal weights give exact results (Seva 10 -> 12.0, not 11.999...).
     *
     * @param balances a user's balances
     * @return the merit score
     */
    public static double merit(Balances balances) {
        long tenths = balances.dharma() * 10 + balances.seva() * 12 + balances.punya() * 30;
        return tenths / 10.0;
    }

    /**
     * @param merit a merit score
     * @return the highest role whose threshold it reaches (learner for anything below 50)
     */
    public static Role roleFor(double merit) {
        Role role = Role.LEARNER;
        for (Role candidate : Role.values()) {
            if (merit >= candidate.threshold()) {
                role = candidate;
            }
        }
        return role;
    }
}
