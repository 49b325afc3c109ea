package org.bhiv.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Well-formed UTF-16: every high surrogate followed by a low one, no low surrogate on its own.
 * JSON's {@code \ud800} escape lets a body carry text that no UTF-8 encoder can write, so
 * {@link JsonBodies} refuses it before any service stores or forwards it.
 */
public final class Utf16 {

    /** Most offending fields listed in one problem. */
    static final int MAX_REPORTED = 20;

    private Utf16() {
    }

    /**
     * @param text any text
     * @return whether every surrogate in it is part of a pair
     */
    public static boolean isWellFormed(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks a JSON tree once, without recursion, and names every string value or member name
     * that is not well-formed, e.g. {@code event_data.s} or {@code items[2]}.
     *
     * @param root the tree
     * @return one error per offending field, at most {@value #MAX_REPORTED}, in document order
     */
    static List<FieldError> unpairedSurrogates(JsonNode root) {
        if (allWellFormed(root)) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", root));
        while (!pending.isEmpty() && errors.size() < MAX_REPORTED) {
            var entry = pending.pop();
            String path = entry.getKey();
            JsonNode node = entry.getValue();
            if (node.isTextual() && !isWellFormed(node.textValue())) {
                errors.add(new FieldError(path, "The text has an unpaired UTF-16 surrogate."));
            } else if (node.isObject()) {
                List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
                for (var member : node.properties()) {
                    String name = member.getKey();
                    String childPath = join(path, printable(name));
                    if (!isWellFormed(name)) {
                        errors.add(new FieldError(childPath, "The member name has an unpaired UTF-16 surrogate."));
                    } else {
                        children.add(Map.entry(childPath, member.getValue()));
                    }
                }
                pushInOrder(pending, children);
            } else if (node.isArray()) {
                List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
                for (int i = 0; i < node.size(); i++) {
                    children.add(Map.entry(path + "[" + i + "]", node.get(i)));
                }
                pushInOrder(pending, children);
            }
        }
        return errors.size() > MAX_REPORTED ? errors.subList(0, MAX_REPORTED) : errors;
    }

    /**
     * The common case, checked without building a path per member (which cost every service
     * several string concatenations per field of every body).
     */
    private static boolean allWellFormed(JsonNode root) {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isTextual() && !isWellFormed(node.textValue())) {
                return false;
            }
            if (node.isObject()) {
                for (var member : node.properties()) {
                    if (!isWellFormed(member.getKey())) {
                        return false;
                    }
                    pending.push(member.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(pending::push);
            }
        }
        return true;
    }

    private static void pushInOrder(Deque<Map.Entry<String, JsonNode>> pending, List<Map.Entry<String, JsonNode>> children) {
        for (int i = children.size() - 1; i >= 0; i--) {
            pending.push(children.get(i));
        }
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** The name with each lone surrogate written as a {@code \}{@code uXXXX} escape, so the path itself encodes. */
    private static String printable(String name) {
        if (isWellFormed(name)) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1));
            if (paired) {
                out.append(c).append(name.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
