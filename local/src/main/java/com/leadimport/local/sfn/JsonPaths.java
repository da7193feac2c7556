package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference paths of the States Language (JSONPath query language): {@code $},
 * {@code $.a.b}, {@code $.a[0]}, {@code $['a b']}, and {@code $$...} into the context object.
 * Only definite paths (no wildcards, filters, slices or {@code ..}) are supported; anything
 * else is refused when the definition is loaded.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** True when the string is a path the executor can evaluate. */
    static boolean isPath(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Checks a path's syntax at load time. */
    static void check(String path, String where) {
        try {
            parse(path);
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(where + ": " + e.getMessage());
        }
    }

    /** Checks a ResultPath at load time: no context object, names and indexes only. */
    static void checkResultPath(String path, String where) {
        check(path, where);
        if (path.startsWith("$$")) {
            throw new DefinitionException(where + ": '" + path + "' cannot point into the context object");
        }
    }

    /** The value at the path, or null when it matches nothing. */
    static JsonNode read(JsonNode input, JsonNode context, String path) {
        Parsed parsed = parse(path);
        JsonNode node = parsed.context ? context : input;
        for (Object segment : parsed.segments) {
            if (node == null) {
                return null;
            }
            node = segment instanceof Integer index ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) segment) : null);
        }
        return node;
    }

    /** The value at the path, or a States.Runtime error naming it. */
    static JsonNode require(JsonNode input, JsonNode context, String path, String where) {
        JsonNode value = read(input, context, path);
        if (value == null) {
            throw new StatesError(StatesError.RUNTIME, where + ": the JSONPath '" + path
                    + "' could not be found in the input " + abbreviate(input));
        }
        return value;
    }

    /**
     * The input with {@code value} placed at the ResultPath ({@code $} replaces the input);
     * missing objects on the way are created, a non-object on the way is a
     * States.ResultPathMatchFailure as on AWS.
     */
    static JsonNode place(JsonNode input, String path, JsonNode value, String where) {
        List<Object> segments = parse(path).segments;
        if (segments.isEmpty()) {
            return value;
        }
        if (!input.isObject()) {
            throw resultPathFailure(where, path, input);
        }
        ObjectNode root = ((ObjectNode) input).deepCopy();
        JsonNode at = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            Object segment = segments.get(i);
            JsonNode child;
            if (segment instanceof String name && at.isObject()) {
                child = at.get(name);
                if (child == null) {
                    child = ((ObjectNode) at).putObject(name);
                }
            } else if (segment instanceof Integer index && at.isArray() && index < at.size()) {
                child = at.get(index);
            } else {
                throw resultPathFailure(where, path, input);
            }
            at = child;
        }
        Object last = segments.get(segments.size() - 1);
        if (last instanceof String name && at.isObject()) {
            ((ObjectNode) at).set(name, value);
        } else if (last instanceof Integer index && at.isArray() && index < at.size()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) at).set(index, value);
        } else {
            throw resultPathFailure(where, path, input);
        }
        return root;
    }

    private static StatesError resultPathFailure(String where, String path, JsonNode input) {
        return new StatesError("States.ResultPathMatchFailure", where + ": unable to apply ResultPath '" + path
                + "' to the input " + abbreviate(input));
    }

    static String abbreviate(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    static JsonNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    private record Parsed(boolean context, List<Object> segments) {
    }

    private static Parsed parse(String path) {
        if (path == null || !path.startsWith("$")) {
            throw new IllegalArgumentException("'" + path + "' is not a path (it must start with $)");
        }
        boolean context = path.startsWith("$$");
        int i = context ? 2 : 1;
        List<Object> segments = new ArrayList<>();
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String name = path.substring(i + 1, end);
                if (name.isEmpty() || name.equals("*") || name.contains("(") || name.contains("?")) {
                    throw new IllegalArgumentException("'" + path + "' is not a definite path, which the local executor "
                            + "needs (no wildcards, .., filters or functions)");
                }
                segments.add(name);
                i = end;
            } else if (c == '[') {
                int close = bracketEnd(path, i);
                String inside = path.substring(i + 1, close).trim();
                if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
                        && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
                    segments.add(inside.substring(1, inside.length() - 1));
                } else if (inside.matches("\\d+")) {
                    segments.add(Integer.parseInt(inside));
                } else {
                    throw new IllegalArgumentException("'" + path + "' uses [" + inside
                            + "], which the local executor does not support (only array indexes and quoted names)");
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("'" + path + "' is not a path the local executor supports");
            }
        }
        return new Parsed(context, segments);
    }

    private static int bracketEnd(String path, int open) {
        char quote = 0;
        for (int i = open + 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        throw new IllegalArgumentException("'" + path + "' has an unclosed [");
    }
}
