package org.bhiv.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Whatever the user types (up to the accepted 4000 characters), the rules decide without
 * failing and every payload they build fits the executor's field rules (contracts 3.3), so a
 * Core decision is never refused for its shape.
 */
class DecisionRulesPropertiesTest {

    private static final Pattern E164 = Pattern.compile("\\+\\d{8,15}");
    private final DecisionRules rules = new DecisionRules();

    /** Inputs mixing free text with the words and shapes the rules look for. */
    private static Gen<String> inputs() {
        Gen<String> fragments = integers().between(0, 11).zip(strings().basicLatinAlphabet().ofLengthBetween(0, 40),
                (pick, text) -> switch (pick) {
                    case 0 -> "create a task to ";
                    case 1 -> "add a todo: ";
                    case 2 -> " bob.smith@example.com ";
                    case 3 -> " +91 98765 43210 ";
                    case 4 -> " whatsapp ";
                    case 5 -> " message ";
                    case 6 -> " explain ";
                    case 7 -> " saying ";
                    case 8 -> " about ";
                    case 9 -> " review ";
                    default -> text;
                });
        return lists().of(fragments).ofSizeBetween(1, 12).map(parts -> String.join("", parts))
                .zip(strings().allPossible().ofLengthBetween(0, 60), (a, b) -> a + b)
                .assuming(s -> !s.isBlank())
                .map(s -> s.length() > TaskRequest.MAX_INPUT ? s.substring(0, TaskRequest.MAX_INPUT) : s)
                .assuming(s -> !s.isBlank());
    }

    @Test
    void everyDecisionFitsTheExecutorsFieldRules() {
        Set<String> rulesSeen = ConcurrentHashMap.newKeySet();
        qt().withExamples(2000).forAll(inputs()).checkAssert(input -> {
            Decision decision = rules.decide(input);
            rulesSeen.add(decision.rule());
            assertThat(decision.response()).isNotBlank();
            switch (decision.rule()) {
                case "task" -> {
                    assertThat(text(decision, "title")).isNotBlank().hasSizeLessThanOrEqualTo(500);
                }
                case "email" -> {
                    assertThat(text(decision, "recipient")).contains("@");
                    assertThat(text(decision, "subject")).isNotBlank();
                    assertThat(text(decision, "body")).isNotBlank();
                }
                case "whatsapp" -> {
                    assertThat(text(decision, "recipient")).matches(E164);
                    assertThat(text(decision, "message")).isNotBlank().hasSizeLessThanOrEqualTo(4096);
                }
                case "ai" -> assertThat(text(decision, "prompt")).isNotBlank().hasSizeLessThanOrEqualTo(32_000);
                case "respond" -> assertThat(decision.payload()).isEmpty();
                default -> throw new AssertionError("unknown rule " + decision.rule());
            }
        });
        assertThat(rulesSeen).as("the generated inputs reach every rule")
                .containsExactlyInAnyOrder("task", "email", "whatsapp", "ai", "respond");
    }

    private static String text(Decision decision, String field) {
        Object value = decision.payload().get(field);
        assertThat(value).as(field).isInstanceOf(String.class);
        return (String) value;
    }
}
