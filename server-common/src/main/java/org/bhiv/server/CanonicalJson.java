package org.bhiv.server;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The canonical text of a JSON value: object members sorted by name (UTF-16 code unit order,
 * as in RFC 8785) at every depth, array order kept, no whitespace between tokens, strings and
 * numbers written by the shared {@link Json#mapper()} exactly as it writes them elsewhere
 * (so {@code 1} and {@code 1.0} differ). The same value always gives the same text, and a
 * value read back from that text gives it again. The input of Bucket's audit hash chain and of
 * the executor's request fingerprint: its output must never change.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * @param value a parsed JSON value
     * @return its canonical text
     */
    public static String of(JsonNode value) {
        var out = new StringWriter();
        try (JsonGenerator gen = Json.mapper().getFactory().createGenerator(out)) {
            write(gen, value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write canonical JSON", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator gen, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            gen.writeStartObject();
            for (Map.Entry<String, JsonNode> member : members) {
                gen.writeFieldName(member.getKey());
                write(gen, member.getValue());
            }
            gen.writeEndObject();
        } else if (node.isArray()) {
            gen.writeStartArray();
            for (JsonNode element : node) {
                write(gen, element);
            }
            gen.writeEndArray();
        } else {
            gen.writeTree(node);
        }
    }
}
