package org.bhiv.executor.adapters;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads adapter fields from a payload. A field is "present" when it is a non-blank JSON
 * string; JSON null, a missing member or a blank string count as missing, and a value of
 * another type is reported by {@link #isWrongType}.
 */
public final class PayloadFields {

    private PayloadFields() {
    }

    /**
     * @param payload the payload
     * @param name    the field
     * @return its text, when it is a non-blank string
     */
    public static Optional<String> text(ObjectNode payload, String name) {
        JsonNode node = payload.get(name);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    /**
     * @param payload the payload
     * @param name    the field
     * @return true when the field is present, not null and not a string
     */
    public static boolean isWrongType(ObjectNode payload, String name) {
        JsonNode node = payload.get(name);
        return node != null && !node.isNull() && !node.isTextual();
    }

    /**
     * @param value text
     * @return its length in Unicode code points
     */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
