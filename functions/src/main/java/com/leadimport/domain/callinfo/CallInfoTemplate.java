package com.leadimport.domain.callinfo;

import com.leadimport.domain.csv.HeaderNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's call-info text: literal text with {@code {Header}} placeholders naming any
 * header of the file, mapped or not. Compiled once per import, rendered once per row.
 * A brace that does not enclose a header name is kept as literal text.
 */
public final class CallInfoTemplate {

    private final List<Object> parts;

    private CallInfoTemplate(List<Object> parts) {
        this.parts = parts;
    }

    /** @throws IllegalArgumentException naming the first placeholder that is not a header */
    public static CallInfoTemplate compile(String template, List<String> headers) {
        Map<String, Integer> index = indexOf(headers);
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (Placeholder p : scan(template)) {
            literal.append(template, p.literalStart, p.start);
            if (p.name == null) {
                continue;
            }
            Integer column = index.get(HeaderNames.key(p.name));
            if (column == null) {
                throw new IllegalArgumentException("{" + p.name + "} is not a header of the file");
            }
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(column);
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new CallInfoTemplate(List.copyOf(parts));
    }

    /** Names inside braces that are not headers, in order of first appearance. */
    public static Set<String> unknownPlaceholders(String template, List<String> headers) {
        Map<String, Integer> index = indexOf(headers);
        Set<String> unknown = new LinkedHashSet<>();
        for (Placeholder p : scan(template)) {
            if (p.name != null && !index.containsKey(HeaderNames.key(p.name))) {
                unknown.add(p.name);
            }
        }
        return unknown;
    }

    public String render(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Integer column) {
                out.append(column < cells.size() ? cells.get(column) : "");
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    private static Map<String, Integer> indexOf(List<String> headers) {
        return HeaderNames.index(headers);
    }

    /** A placeholder {@code {name}} (name null for the trailing literal after the last one). */
    private record Placeholder(int literalStart, int start, String name) {
    }

    private static List<Placeholder> scan(String template) {
        List<Placeholder> found = new ArrayList<>();
        int literalStart = 0;
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                break;
            }
            int close = template.indexOf('}', open + 1);
            int nestedOpen = template.indexOf('{', open + 1);
            if (close < 0) {
                break;
            }
            if (nestedOpen >= 0 && nestedOpen < close) {
                i = nestedOpen;
                continue;
            }
            String name = template.substring(open + 1, close).trim();
            if (name.isEmpty()) {
                i = close + 1;
                continue;
            }
            found.add(new Placeholder(literalStart, open, name));
            literalStart = close + 1;
            i = close + 1;
        }
        found.add(new Placeholder(literalStart, template.length(), null));
        return found;
    }
}
