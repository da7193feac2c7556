package com.leadimport.domain.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.leadimport.domain.json.Json;
import java.util.List;
import java.util.stream.Collectors;

/** Reads an ImportRequest from JSON, turning Jackson's errors into messages that name the field. */
public final class ImportRequests {

    private ImportRequests() {
    }

    public static ImportRequest parse(String json) {
        try {
            return Json.MAPPER.readValue(json, ImportRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw refused(path(e), "is not a known setting");
        } catch (InvalidFormatException e) {
            throw refused(path(e), "has an invalid value '" + e.getValue() + "'"
                    + (e.getTargetType().isEnum() ? " (expected one of " + List.of(e.getTargetType().getEnumConstants()) + ")" : ""));
        } catch (JsonMappingException e) {
            throw refused(path(e), "is invalid: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new RequestRefusedException(List.of("the request is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    public static String toJson(ImportRequest request) {
        try {
            return Json.MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ImportRequest always serialises", e);
        }
    }

    private static RequestRefusedException refused(String path, String problem) {
        return new RequestRefusedException(List.of((path.isEmpty() ? "request" : path) + " " + problem));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
