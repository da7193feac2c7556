package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference paths of the States Language: {@code $}, {@code $.a.b}, {@code $.a[0]}, and
 * {@code $$...} into the context object. Only definite paths (no wildcards or filters) —
 * what our definitions use; anything else is refused when the definition is loaded.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** Checks a path's syntax at load time. */
    static void check(String path, String where) {
        try {
            segments(path.startsWith("$$") ? path.substring(1) : path);
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(where + ": " + e.getMessage());
        }
    }

    /** The value at the path, or null when it matches nothing. */
    static JsonNode read(JsonNode input, JsonNode context, String path) {
        boolean inContext = path.startsWith("$$");
        JsonNode node = inContext ? context : input;
        for (Object segment : segments(inContext ? path.substring(1) : path)) {
            if (node == null) {
                return null;
            }
            node = segment instanceof Integer index ? (node.isArray() ? node.get(index) : null) : node.get((String) segment);
        }
        return node;
    }

    /** The value at the path, or a States.Runtime error naming it. */
    static JsonNode require(JsonNode input, JsonNode context, String path, String where) {
        JsonNode value = read(input, context, path);
        if (value == null) {
            throw new StatesError("States.Runtime", where + ": the JSONPath '" + path + "' could not be found in the input");
        }
        return value;
    }

    /** The input with {@code value} placed at the ResultPath {@code path} ({@code $} replaces the input). */
    static JsonNode place(JsonNode input, String path, JsonNode value, String where) {
        List<Object> segments = segments(path);
        if (segments.isEmpty()) {
            return value;
        }
        if (!input.isObject()) {
            throw new StatesError("States.Runtime", where + ": ResultPath '" + path + "' needs an object input");
        }
        ObjectNode root = ((ObjectNode) input).deepCopy();
        ObjectNode at = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            if (!(segments.get(i) instanceof String name)) {
                throw new StatesError("States.Runtime", where + ": ResultPath '" + path + "' cannot index arrays");
            }
            JsonNode child = at.get(name);
            if (child == null || !child.isObject()) {
                child = JsonNodeFactory.instance.objectNode();
                at.set(name, child);
            }
            at = (ObjectNode) child;
        }
        Object last = segments.get(segments.size() - 1);
        if (!(last instanceof String name)) {
            throw new StatesError("States.Runtime", where + ": ResultPath '" + path + "' cannot index arrays");
        }
        at.set(name, value);
        return root;
    }

    private static List<Object> segments(String path) {
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("'" + path + "' is not a path (it must start with $)");
        }
        List<Object> segments = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String name = path.substring(i + 1, end);
                if (name.isEmpty() || name.equals("*")) {
                    throw new IllegalArgumentException("'" + path + "' is not a definite path");
                }
                segments.add(name);
                i = end;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + path + "' has an unclosed [");
                }
                try {
                    segments.add(Integer.parseInt(path.substring(i + 1, close)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + path + "' uses [" + path.substring(i + 1, close)
                            + "], which the local executor does not support (only array indexes)");
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("'" + path + "' is not a path the local executor supports");
            }
        }
        return segments;
    }
}
