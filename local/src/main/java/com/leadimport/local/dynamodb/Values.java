package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB attribute values in their wire form ({@code {"S": "x"}}, {@code {"N": "1"}}...):
 * type, comparison and equality as the service defines them.
 */
final class Values {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Values() {
    }

    /** An item as stored. */
    static byte[] bytes(ObjectNode item) {
        try {
            return MAPPER.writeValueAsBytes(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an item does not serialise", e);
        }
    }

    static ObjectNode read(byte[] stored) {
        try {
            return (ObjectNode) MAPPER.readTree(stored);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored item does not read back", e);
        }
    }

    static String type(JsonNode value) {
        Iterator<String> names = value.fieldNames();
        if (!names.hasNext()) {
            throw DynamoDbException.validation("an attribute value has no type");
        }
        return names.next();
    }

    static JsonNode content(JsonNode value) {
        return value.elements().next();
    }

    /** Ordering of scalar S, N and B values of one type: S by code points (UTF-8 byte order), N numerically, B bytewise. */
    static int compare(JsonNode a, JsonNode b) {
        String type = type(a);
        if (!type.equals(type(b))) {
            throw DynamoDbException.validation("cannot compare " + type + " with " + type(b));
        }
        return switch (type) {
            case "S" -> compareStrings(a.get("S").asText(), b.get("S").asText());
            case "N" -> new BigDecimal(a.get("N").asText()).compareTo(new BigDecimal(b.get("N").asText()));
            case "B" -> java.util.Arrays.compareUnsigned(Base64.getDecoder().decode(a.get("B").asText()),
                    Base64.getDecoder().decode(b.get("B").asText()));
            default -> throw DynamoDbException.validation("values of type " + type + " cannot be ordered");
        };
    }

    static boolean comparable(JsonNode a, JsonNode b) {
        String type = type(a);
        return type.equals(type(b)) && (type.equals("S") || type.equals("N") || type.equals("B"));
    }

    static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Equality as DynamoDB means it: numbers by value, sets regardless of order. */
    static boolean equal(JsonNode a, JsonNode b) {
        String type = type(a);
        if (!type.equals(type(b))) {
            return false;
        }
        return switch (type) {
            case "N" -> compare(a, b) == 0;
            case "SS", "BS" -> set(a).equals(set(b));
            case "NS" -> numberSet(a).equals(numberSet(b));
            case "L" -> {
                JsonNode la = a.get("L");
                JsonNode lb = b.get("L");
                if (la.size() != lb.size()) {
                    yield false;
                }
                for (int k = 0; k < la.size(); k++) {
                    if (!equal(la.get(k), lb.get(k))) {
                        yield false;
                    }
                }
                yield true;
            }
            case "M" -> {
                JsonNode ma = a.get("M");
                JsonNode mb = b.get("M");
                if (ma.size() != mb.size()) {
                    yield false;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = ma.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!mb.has(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> content(a).equals(content(b));
        };
    }

    static Set<String> set(JsonNode value) {
        Set<String> members = new LinkedHashSet<>();
        content(value).forEach(m -> members.add(m.asText()));
        return members;
    }

    static Set<BigDecimal> numberSet(JsonNode value) {
        Set<BigDecimal> members = new java.util.TreeSet<>();
        content(value).forEach(m -> members.add(new BigDecimal(m.asText()).stripTrailingZeros()));
        return members;
    }

    /** A set member as compared: numbers by value, strings and binaries as they are. */
    static Object member(String setType, String text) {
        return setType.equals("NS") ? new BigDecimal(text).stripTrailingZeros() : text;
    }

    static ObjectNode number(BigDecimal n) {
        return JSON.objectNode().put("N", n.stripTrailingZeros().toPlainString());
    }

    static ObjectNode setOf(String type, Set<String> members) {
        ObjectNode node = JSON.objectNode();
        ArrayNode array = node.putArray(type);
        members.forEach(array::add);
        return node;
    }

    /** The approximate stored size of an item, as DynamoDB counts it: names plus values. */
    static int size(JsonNode item) {
        int size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            size += utf8Length(e.getKey()) + valueSize(e.getValue());
        }
        return size;
    }

    private static int valueSize(JsonNode value) {
        String type = type(value);
        JsonNode content = content(value);
        int size = 1;
        switch (type) {
            case "M" -> size += 3 + size(content);
            case "L" -> {
                size += 3;
                for (JsonNode element : content) {
                    size += valueSize(element);
                }
            }
            case "SS", "NS", "BS" -> {
                for (JsonNode member : content) {
                    size += scalarSize(type.substring(0, 1), member.asText());
                }
            }
            default -> size += scalarSize(type, content.asText());
        }
        return size;
    }

    static int scalarSize(String type, String text) {
        return switch (type) {
            case "S" -> utf8Length(text);
            case "B" -> text.length() * 3 / 4;
            default -> text.length();
        };
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                k++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
