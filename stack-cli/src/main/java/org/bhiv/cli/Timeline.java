package org.bhiv.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The steps of one decision through the pillars, printed in time order with times relative to
 * the first step. Steps with the same time keep the order they were added in.
 */
final class Timeline {

    /** One thing a pillar did, at a time. */
    record Step(Instant at, String pillar, String what) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Instant at, String pillar, String what) {
        if (at != null) {
            steps.add(new Step(at, pillar, what));
        }
    }

    /** Something without a time (a delivery still pending, a service that did not answer). */
    void note(String text) {
        notes.add(text);
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    List<Step> steps() {
        return steps.stream().sorted(Comparator.comparing(Step::at)).toList();
    }

    String render(String traceId) {
        List<Step> sorted = steps();
        StringBuilder out = new StringBuilder();
        if (sorted.isEmpty()) {
            out.append("trace ").append(traceId).append(": nothing recorded in Core, the executor, Bucket or Karma\n");
        } else {
            Instant first = sorted.getFirst().at();
            long span = Duration.between(first, sorted.getLast().at()).toMillis();
            out.append("trace ").append(traceId).append(": ").append(sorted.size()).append(" steps over ")
                    .append(span).append(" ms, from ").append(first).append('\n');
            for (Step step : sorted) {
                out.append(String.format("  %+8d ms  %-9s %s%n", Duration.between(first, step.at()).toMillis(),
                        step.pillar(), step.what()));
            }
        }
        notes.forEach(note -> out.append("  note: ").append(note).append('\n'));
        return out.toString();
    }
}
