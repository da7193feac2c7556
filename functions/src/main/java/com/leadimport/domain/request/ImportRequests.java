package com.leadimport.domain.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.leadimport.domain.json.Json;
import java.util.List;
import java.util.stream.Collectors;

/** Reads an ImportRequest from JSON, turning Jackson's errors into messages that name the field. */
public final class ImportRequests {

    private ImportRequests() {
    }

    /** @throws RequestRefusedException naming the field, when the JSON is not an ImportRequest object */
    public static ImportRequest parse(String json) {
        if (json == null || json.isBlank()) {
            throw RequestRefusedException.general(("the request is empty: expected a JSON object { \"details\": ..., ... }"));
        }
        if (json.length() > Limits.REQUEST_BYTES) {
            throw RequestRefusedException.general(("the request is " + String.format("%,d", json.length())
                    + " characters long; at most " + String.format("%,d", Limits.REQUEST_BYTES) + " are allowed"));
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw RequestRefusedException.general(("the request must be a JSON object { \"details\": ..., ... }, not "
                        + (tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                        + (tree.isNull() ? "" : " " + abbreviated(tree.toString())))));
            }
            return Json.MAPPER.treeToValue(tree, ImportRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw refused(path(e), "'" + e.getPropertyName() + "' is not a known setting");
        } catch (InvalidFormatException e) {
            throw refused(path(e), "has an invalid value '" + e.getValue() + "'"
                    + (e.getTargetType().isEnum() ? " (expected one of " + List.of(e.getTargetType().getEnumConstants()) + ")" : ""));
        } catch (JsonMappingException e) {
            throw refused(path(e), "is invalid: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw RequestRefusedException.general(("the request is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    public static String toJson(ImportRequest request) {
        try {
            return Json.MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ImportRequest always serialises", e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static RequestRefusedException refused(String path, String problem) {
        // the path too: these come from a request written by hand (the command line's request file)
        return path.isEmpty() || FieldLabels.stage(path) == null
                ? RequestRefusedException.general((path.isEmpty() ? "the request: " : path + ": ") + problem)
                : new RequestRefusedException(List.of(Problem.of(path, problem + " (" + path + ")")));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
