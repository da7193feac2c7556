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
        return JSON.objectNode().put("N", KeyCodec.number(n.toPlainString()).toPlainString());
    }

    static ObjectNode setOf(String type, Set<String> members) {
        ObjectNode node = JSON.objectNode();
        ArrayNode array = node.putArray(type);
        members.forEach(array::add);
        return node;
    }

    /**
     * An item's size as DynamoDB counts it (CapacityUnitCalculations in the developer guide): each
     * attribute's name in UTF-8 bytes plus its value: strings in UTF-8 bytes, binaries in raw bytes,
     * numbers 1 byte plus 1 per two significant digits, BOOL and NULL 1 byte, sets the sum of
     * their members, lists and maps 3 bytes plus their elements (a map's with their names).
     */
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
        return switch (type) {
            case "M" -> 3 + size(content);
            case "L" -> {
                int size = 3;
                for (JsonNode element : content) {
                    size += valueSize(element);
                }
                yield size;
            }
            case "SS", "NS", "BS" -> {
                int size = 0;
                for (JsonNode member : content) {
                    size += scalarSize(type.substring(0, 1), member.asText());
                }
                yield size;
            }
            case "BOOL", "NULL" -> 1;
            default -> scalarSize(type, content.asText());
        };
    }

    /** A scalar's size: S in UTF-8 bytes, B in raw bytes, N 1 byte plus 1 per two significant digits. */
    static int scalarSize(String type, String text) {
        return switch (type) {
            case "S" -> utf8Length(text);
            case "B" -> Base64.getDecoder().decode(text).length;
            default -> 1 + (new BigDecimal(text).stripTrailingZeros().precision() + 1) / 2;
        };
    }

    // ---------- checking what a request sends ----------

    private static final Set<String> TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M");
    private static final int MAX_NESTING = 32;

    /**
     * Checks every attribute of an item (or key) as the service does, and normalises its numbers
     * in place ("1.50" is stored and returned as "1.5", "-0" as "0"), so a value that AWS would
     * refuse is refused here too, never stored.
     */
    static ObjectNode checkItem(JsonNode item, String where) {
        if (!item.isObject()) {
            throw new DynamoDbException("SerializationException", where + " must be a map of attribute values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty()) {
                throw DynamoDbException.validation("One or more parameter values were invalid: An AttributeValue may not"
                        + " contain an empty attribute name (" + where + ")");
            }
            checkValue(e.getValue(), 1, where);
        }
        return (ObjectNode) item;
    }

    /** Checks an attribute value (see {@link #checkItem}); {@code depth} counts the lists and maps it is inside. */
    static void checkValue(JsonNode value, int depth, String where) {
        if (!value.isObject() || value.size() != 1) {
            throw DynamoDbException.validation("Supplied AttributeValue " + (value.isObject() && value.size() > 1
                    ? "has more than one datatypes set, must contain exactly one of the supported datatypes"
                    : "is empty, must contain exactly one of the supported datatypes") + " (" + where + ")");
        }
        String type = type(value);
        if (!TYPES.contains(type)) {
            throw DynamoDbException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported"
                    + " datatypes (" + where + ": unknown type " + type + ")");
        }
        JsonNode content = content(value);
        switch (type) {
            case "S" -> requireText(content, type, where);
            case "N" -> ((ObjectNode) value).put("N", normalNumber(content, where));
            case "B" -> decodeBinary(content, where);
            case "BOOL" -> {
                if (!content.isBoolean()) {
                    throw new DynamoDbException("SerializationException", "BOOL must be true or false (" + where + ")");
                }
            }
            case "NULL" -> {
                if (!content.isBoolean() || !content.booleanValue()) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Null attribute value types"
                            + " must have the value of true (" + where + ")");
                }
            }
            case "SS", "NS", "BS" -> checkSet(value, type, where);
            case "L", "M" -> {
                if (depth >= MAX_NESTING) {
                    throw DynamoDbException.validation("Nesting Levels have exceeded supported limits (" + where + ")");
                }
                if (type.equals("L") ? !content.isArray() : !content.isObject()) {
                    throw new DynamoDbException("SerializationException", type + " must hold " + (type.equals("L") ? "a list"
                            : "a map") + " of attribute values (" + where + ")");
                }
                content.fields().forEachRemaining(element -> {
                    if (element.getKey().isEmpty()) {
                        throw DynamoDbException.validation("One or more parameter values were invalid: An AttributeValue may"
                                + " not contain an empty attribute name (" + where + ")");
                    }
                });
                content.forEach(element -> checkValue(element, depth + 1, where));
            }
            default -> throw new IllegalStateException(type);
        }
    }

    private static void checkSet(JsonNode value, String type, String where) {
        JsonNode members = content(value);
        if (!members.isArray() || members.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: An " + type + " may not be empty ("
                    + where + ")");
        }
        ArrayNode normal = JSON.arrayNode();
        Set<Object> seen = new java.util.HashSet<>();
        for (JsonNode member : members) {
            Object key;
            switch (type) {
                case "NS" -> {
                    String number = normalNumber(member, where);
                    normal.add(number);
                    key = number;
                }
                case "BS" -> {
                    key = java.nio.ByteBuffer.wrap(decodeBinary(member, where));
                    normal.add(member.asText());
                }
                default -> {
                    requireText(member, type, where);
                    key = member.asText();
                    normal.add(member.asText());
                }
            }
            if (!seen.add(key)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Input collection " + members
                        + " of type " + type + " contains duplicates (" + where + ")");
            }
        }
        ((ObjectNode) value).set(type, normal);
    }

    private static void requireText(JsonNode content, String type, String where) {
        if (!content.isTextual()) {
            throw new DynamoDbException("SerializationException", type + " values must be JSON strings (" + where + ")");
        }
    }

    private static String normalNumber(JsonNode content, String where) {
        requireText(content, "N", where);
        try {
            return KeyCodec.number(content.asText()).toPlainString();
        } catch (DynamoDbException e) {
            throw DynamoDbException.validation(e.getMessage() + " (" + where + ": " + content.asText() + ")");
        }
    }

    private static byte[] decodeBinary(JsonNode content, String where) {
        requireText(content, "B", where);
        try {
            return Base64.getDecoder().decode(content.asText());
        } catch (IllegalArgumentException e) {
            throw new DynamoDbException("SerializationException", "Base64 encoded binary value is not valid (" + where + ")");
        }
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
