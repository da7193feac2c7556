package com.leadimport.api;

import com.leadimport.domain.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP API (payload 2.0) response: JSON bodies. */
public record ApiResponse(int statusCode, Map<String, String> headers, String body) {

    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json",
            "Cache-Control", "no-store");

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, JSON_HEADERS, new String(Json.bytes(body), StandardCharsets.UTF_8));
    }
}
