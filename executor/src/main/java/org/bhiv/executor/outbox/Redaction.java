package org.bhiv.executor.outbox;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.RedactionKey;

/**
 * Removes content from an execution result before it leaves the executor: {@code message},
 * {@code body}, {@code prompt} and {@code response} become
 * {@code {"redacted": true, "hmac_sha256": "<hex>", "length": <code points>}}, a keyed hash with
 * the deployment's {@link RedactionKey} (a plain hash of a short content, a one-time code or
 * "yes", is reversed by hashing guesses), and {@code recipient} is masked
 * ({@code +91******3210}, {@code a***@example.com}), at every depth. Identifiers, statuses and
 * error codes stay.
 */
public final class Redaction {

    private static final Set<String> CONTENT_FIELDS = Set.of("message", "body", "prompt", "response");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RedactionKey key;

    /**
     * @param key the deployment's redaction key
     */
    public Redaction(RedactionKey key) {
        this.key = key;
    }

    /**
     * @param result an execution result (not changed)
     * @return a redacted copy
     */
    public JsonNode redact(JsonNode result) {
        if (result.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : result.properties()) {
                copy.set(field.getKey(), redactField(field.getKey(), field.getValue()));
            }
            return copy;
        }
        if (result.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            result.forEach(item -> copy.add(redact(item)));
            return copy;
        }
        return result;
    }

    private JsonNode redactField(String name, JsonNode value) {
        if (value.isNull()) {
            return value;
        }
        if (CONTENT_FIELDS.contains(name)) {
            return redacted(value);
        }
        if (name.equals("recipient")) {
            return value.isTextual() ? NODES.textNode(maskRecipient(value.asText())) : redacted(value);
        }
        return redact(value);
    }

    private ObjectNode redacted(JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.toString();
        return NODES.objectNode()
                .put("redacted", true)
                .put("hmac_sha256", key.hmacHex(text))
                .put("length", text.codePointCount(0, text.length()));
    }

    @Override
    public String toString() {
        return "Redaction[key=***]";
    }

    /**
     * Masks a phone number (keeps {@code +}, the first two and the last four digits) or an
     * e-mail address (keeps the first character and the domain); anything else becomes {@code ***}.
     *
     * @param recipient a phone number or e-mail address
     * @return the masked form
     */
    public static String maskRecipient(String recipient) {
        String r = recipient.strip();
        int at = r.lastIndexOf('@');
        if (at > 0 && at < r.length() - 1) {
            return r.charAt(0) + "***" + r.substring(at);
        }
        String digits = r.startsWith("+") ? r.substring(1) : r;
        if (digits.length() >= 7 && digits.chars().allMatch(Character::isDigit)) {
            return (r.startsWith("+") ? "+" : "") + digits.substring(0, 2)
                    + "*".repeat(digits.length() - 6) + digits.substring(digits.length() - 4);
        }
        return "***";
    }
}
