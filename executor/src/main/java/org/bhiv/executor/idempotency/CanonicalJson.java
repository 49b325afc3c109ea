package org.bhiv.executor.idempotency;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.server.Json;

/**
 * The canonical text of a JSON value, and the request fingerprint built on it. Canonical means:
 * object members sorted by name (UTF-16 code unit order, as in RFC 8785), no whitespace between
 * tokens, strings escaped as the shared mapper writes them, numbers as parsed (so {@code 1} and
 * {@code 1.0} differ). Two bodies that differ only in member order or whitespace get the same
 * fingerprint.
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

    /**
     * The request fingerprint of contracts 3.4.
     *
     * @param body the parsed request body
     * @return SHA-256 of the body's canonical text (UTF-8), 64 lowercase hex digits
     */
    public static String fingerprint(JsonNode body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(of(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
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
