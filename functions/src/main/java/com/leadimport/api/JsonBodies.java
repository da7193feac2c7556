package com.leadimport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.request.FieldLabels;
import com.leadimport.domain.request.Limits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON the routes read and answer: a request's body as an object, its text fields checked
 * with a 400 naming the field, and the plain 200 answer.
 */
final class JsonBodies {

    private JsonBodies() {
    }

    static ApiResponse ok(Object body) {
        return ApiResponse.json(200, body);
    }

    static JsonNode body(ApiRequest request) {
        String text = request.bodyText();
        if (text.isBlank()) {
            throw new ApiException(400, "the request needs a JSON body");
        }
        JsonNode body = readJson(text);
        if (!body.isObject()) {
            throw new ApiException(400, "the body must be a JSON object, not " + body.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return body;
    }

    static JsonNode readJson(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ApiException(400, "the body is not valid JSON: " + e.getMessage());
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** A list, category or table name: required, at most {@link Limits#NAME} characters, no control characters. */
    static String name(JsonNode body, String subject, String field) {
        return required(body, subject, field, Limits.NAME);
    }

    /** The body's {@code field}, reported as {@code subject.field} (see {@link FieldLabels}). */
    static String required(JsonNode body, String subject, String field, int maxLength) {
        String value = body.path(field).asText("").strip();
        if (value.isEmpty()) {
            throw new ApiException(400, subject + "." + field, "required");
        }
        Limits.textProblem(value, maxLength).or(() -> Limits.controlCharacter(value))
                .ifPresent(problem -> {
                    throw new ApiException(400, subject + "." + field, problem);
                });
        return value;
    }
}
