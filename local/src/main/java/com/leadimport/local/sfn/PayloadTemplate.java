package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Payload templates (Parameters, ResultSelector, ItemSelector, ItemReader Parameters,
 * BatchInput): fields whose name ends in {@code .$} take the value of a path or intrinsic
 * function; every other value is copied as is, nested objects and arrays included.
 */
final class PayloadTemplate {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PayloadTemplate() {
    }

    static void check(JsonNode template, String where) {
        if (template.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().endsWith(".$")) {
                    checkDynamic(field.getValue(), where + " field '" + field.getKey() + "'");
                } else {
                    check(field.getValue(), where);
                }
            }
        } else if (template.isArray()) {
            template.forEach(element -> check(element, where));
        }
    }

    /** A {@code .$} value: a path or an intrinsic function call. */
    static void checkDynamic(JsonNode value, String where) {
        if (!value.isTextual()) {
            throw new DefinitionException(where + ": the value must be a path or an intrinsic function, not " + value);
        }
        String text = value.asText();
        if (Intrinsics.looksLikeCall(text)) {
            Intrinsics.check(text, where);
        } else {
            JsonPaths.check(text, where);
        }
    }

    static JsonNode evaluate(JsonNode template, JsonNode input, JsonNode context, Supplier<UUID> uuids, String where) {
        if (template.isObject()) {
            ObjectNode out = JSON.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    out.set(key.substring(0, key.length() - 2),
                            dynamic(field.getValue().asText(), input, context, uuids, where + " field '" + key + "'"));
                } else {
                    out.set(key, evaluate(field.getValue(), input, context, uuids, where));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JSON.arrayNode();
            template.forEach(element -> out.add(evaluate(element, input, context, uuids, where)));
            return out;
        }
        return template;
    }

    static JsonNode dynamic(String value, JsonNode input, JsonNode context, Supplier<UUID> uuids, String where) {
        return Intrinsics.looksLikeCall(value) ? Intrinsics.evaluate(value, input, context, uuids, where)
                : JsonPaths.require(input, context, value, where);
    }
}
