package org.bhiv.bucket.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.Json;

/**
 * The canonical JSON text of a value, the input of the audit hash: object members sorted by
 * name (Java's {@link String} order, i.e. UTF-16 code units) at every depth, array order kept,
 * no whitespace, strings and numbers written by Jackson exactly as the journal writes them.
 * The same tree always gives the same text, and a tree read back from the journal gives the
 * text it was hashed with.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * @param node any JSON value
     * @return its canonical text
     */
    public static String of(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
