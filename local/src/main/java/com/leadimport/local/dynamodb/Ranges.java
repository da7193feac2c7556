package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns a Query's sort key condition and ExclusiveStartKey into one sub-range of a sorted
 * partition, so a Query reads only the items it can return rather than the whole partition.
 * The sort key condition is still tested on every item read; the range only saves work.
 */
final class Ranges {

    private Ranges() {
    }

    /**
     * @param below the position just before every entry with a sort key value (for an index,
     *              whose entries also carry the table's keys); the value itself for a table
     * @param above the position just after every entry with a sort key value
     */
    @SuppressWarnings("unchecked")
    static <K> NavigableMap<K, ObjectNode> narrow(NavigableMap<K, ObjectNode> map, Expressions.KeyTerm range, K start,
                                                  boolean forward, Function<JsonNode, K> below, Function<JsonNode, K> above) {
        Comparator<? super K> order = map.comparator() != null ? map.comparator() : (a, b) -> ((Comparable<K>) a).compareTo(b);
        K low = null;
        boolean lowInclusive = true;
        K high = null;
        boolean highInclusive = true;
        if (range != null) {
            JsonNode v = range.low();
            switch (range.op()) {
                case "=" -> {
                    low = below.apply(v);
                    high = above.apply(v);
                }
                case "<" -> {
                    high = below.apply(v);
                    highInclusive = false;
                }
                case "<=" -> high = above.apply(v);
                case ">" -> {
                    low = above.apply(v);
                    lowInclusive = false;
                }
                case ">=" -> low = below.apply(v);
                case "BETWEEN" -> {
                    low = below.apply(v);
                    high = above.apply(range.high());
                }
                case "begins_with" -> {
                    low = below.apply(v);
                    JsonNode next = next(v);
                    if (next != null) {
                        high = below.apply(next);
                        highInclusive = false;
                    }
                }
                default -> throw new IllegalStateException(range.op());
            }
        }
        if (start != null) {
            if (forward && (low == null || order.compare(start, low) >= 0)) {
                low = start;
                lowInclusive = false;
            } else if (!forward && (high == null || order.compare(start, high) <= 0)) {
                high = start;
                highInclusive = false;
            }
        }
        try {
            if (low != null && high != null) {
                return map.subMap(low, lowInclusive, high, highInclusive);
            }
            if (low != null) {
                return map.tailMap(low, lowInclusive);
            }
            return high != null ? map.headMap(high, highInclusive) : map;
        } catch (IllegalArgumentException emptyRange) {
            return new TreeMap<>(order);
        }
    }

    /** The smallest string after every string starting with the prefix (S only; null when there is none). */
    private static JsonNode next(JsonNode prefix) {
        if (!prefix.has("S")) {
            return null;
        }
        String p = prefix.get("S").asText();
        if (p.isEmpty()) {
            return null;
        }
        int last = p.codePointBefore(p.length());
        if (last >= Character.MAX_CODE_POINT) {
            return null;
        }
        String next = p.substring(0, p.length() - Character.charCount(last)) + new String(Character.toChars(last + 1));
        return Values.JSON.objectNode().put("S", next);
    }
}
