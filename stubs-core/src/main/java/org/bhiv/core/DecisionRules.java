package org.bhiv.core;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Core's whole rule set: a small, deterministic mapping from a user's input to a
 * {@link Decision}. The rules are tried in this order and the first that matches wins:
 *
 * <ol>
 *   <li><b>task</b>: a request to create a task, todo or review ("create a task to review
 *       the auth module", "add a todo: buy milk", "open a review for PR 12"): a create-verb
 *       followed, at most three words later, by one of those words. Title: what follows the word (for a review,
 *       "Review ..."), else the whole input; description: the whole input.</li>
 *   <li><b>email</b>: an email address anywhere in the input. Recipient: the first address;
 *       subject: after {@code subject:} or {@code about}, else "Message from BHIV Core";
 *       body: after {@code body:}, {@code saying} or {@code that says}, else the whole input.</li>
 *   <li><b>whatsapp</b>: a phone number ({@code +} and 8-15 digits, or 10-15 digits;
 *       spaces, dots, dashes and brackets allowed inside) together with the word
 *       "whatsapp" or "message". Recipient: {@code +} and the digits; message: after
 *       {@code saying}, {@code message:} or {@code text:}, else the whole input.</li>
 *   <li><b>ai</b>: the word "ask", "explain", "summarise" or "summarize". Prompt: the whole input.</li>
 *   <li><b>respond</b>: anything else; Core answers and no workflow runs.</li>
 * </ol>
 *
 * Why this order: an explicit request to create a task is the strongest intent, even when it
 * mentions an address ("create a task to email bob@example.com" is a task). An address names a
 * recipient outright, while a phone number needs a keyword to be one, so email comes before
 * whatsapp ("message bob@example.com" is an email). Asking and explaining is what is left
 * when no action with a recipient was asked for. Words match whole and case-insensitively
 * ("task" does not match "multitasking", "ask" does not match "task").
 *
 * Stateless and thread-safe.
 */
final class DecisionRules {

    /** The executor's limit on a task title. */
    static final int MAX_TITLE = 500;
    private static final String DEFAULT_SUBJECT = "Message from BHIV Core";
    /** The answer when no rule matched: what this stand-in can do, and that it did nothing. */
    static final String FALLBACK = "No action taken: this Core stand-in only recognises requests to create a task,"
            + " to email an address, to WhatsApp a phone number, or to ask, explain or summarise (sent to the"
            + " executor's ai action). It does not answer questions itself.";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern TASK = Pattern.compile(
            "\\b(?:create|add|make|open|new|set up|schedule|start)(?:\\s+\\S+){0,3}?\\s+(task|todo|to-do|review)\\b(.*)", FLAGS | Pattern.DOTALL);
    private static final Pattern TITLE_LEAD = Pattern.compile("^\\s*(?:to|for|of|about|called|named|:|-)\\s*", FLAGS);
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern SUBJECT = Pattern.compile("(?:\\bsubject:|\\babout\\b)\\s*(.+?)\\s*(?:(?:\\bbody:|\\bsaying\\b|\\bthat says\\b).*)?$", FLAGS | Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("(?:\\bbody:|\\bsaying\\b|\\bthat says\\b)\\s*(.+)$", FLAGS | Pattern.DOTALL);
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(\\+?)(\\d[\\d\\s().-]{6,22}\\d)(?!\\w)");
    private static final Pattern MESSAGE_WORD = Pattern.compile("\\b(?:whatsapp|message)\\b", FLAGS);
    private static final Pattern MESSAGE_TEXT = Pattern.compile("(?:\\bsaying\\b|\\bmessage:|\\btext:)\\s*(.+)$", FLAGS | Pattern.DOTALL);
    private static final Pattern AI = Pattern.compile("\\b(?:ask|explain|summari[sz]e)\\b", FLAGS);

    /**
     * Decides.
     *
     * @param input the user's input, non-blank
     * @return the decision
     */
    Decision decide(String input) {
        String text = input.strip();
        return task(text)
                .or(() -> email(text))
                .or(() -> whatsapp(text))
                .or(() -> ai(text))
                .orElseGet(() -> Decision.respond(FALLBACK));
    }

    private Optional<Decision> task(String text) {
        Matcher m = TASK.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String rest = TITLE_LEAD.matcher(m.group(2).strip()).replaceFirst("").strip();
        String title = rest.isEmpty() ? text : capitalise(rest);
        if (m.group(1).equalsIgnoreCase("review") && !rest.isEmpty()) {
            title = "Review " + rest;
        }
        title = cut(title, MAX_TITLE);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("title", title);
        payload.put("description", text);
        return Optional.of(Decision.workflow("task", "Task requested: " + title, payload));
    }

    private Optional<Decision> email(String text) {
        Matcher address = EMAIL.matcher(text);
        if (!address.find()) {
            return Optional.empty();
        }
        String recipient = address.group();
        String withoutAddress = text.replace(recipient, "").strip();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("recipient", recipient);
        payload.put("subject", cut(group(SUBJECT, withoutAddress).orElse(DEFAULT_SUBJECT), 200));
        payload.put("body", group(BODY, text).orElse(text));
        return Optional.of(Decision.workflow("email", "Email to " + recipient + " requested.", payload));
    }

    private Optional<Decision> whatsapp(String text) {
        if (!MESSAGE_WORD.matcher(text).find()) {
            return Optional.empty();
        }
        Matcher m = PHONE.matcher(text);
        while (m.find()) {
            String digits = m.group(2).replaceAll("\\D", "");
            boolean plus = !m.group(1).isEmpty();
            if (digits.length() <= 15 && digits.length() >= (plus ? 8 : 10)) {
                String recipient = "+" + digits;
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("recipient", recipient);
                payload.put("message", group(MESSAGE_TEXT, text).orElse(text));
                return Optional.of(Decision.workflow("whatsapp", "WhatsApp message to " + recipient + " requested.", payload));
            }
        }
        return Optional.empty();
    }

    private Optional<Decision> ai(String text) {
        if (!AI.matcher(text).find()) {
            return Optional.empty();
        }
        return Optional.of(Decision.workflow("ai", "Asking the AI.", Map.of("prompt", text)));
    }

    private static Optional<String> group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String value = m.group(1).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String capitalise(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
