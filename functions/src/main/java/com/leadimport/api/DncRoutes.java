package com.leadimport.api;

import static com.leadimport.api.JsonBodies.name;
import static com.leadimport.api.JsonBodies.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.phone.DncNumbers;
import com.leadimport.ports.AuditLog;
import com.leadimport.ports.DncStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Do-not-call categories, and numbers added to one: as a list, or a TPS-style file as text. */
final class DncRoutes {

    private final DncStore dnc;
    private final AuditLog audit;

    DncRoutes(DncStore dnc, AuditLog audit) {
        this.dnc = dnc;
        this.audit = audit;
    }

    ApiResponse categories() {
        return ok(dnc.categories());
    }

    ApiResponse createCategory(JsonNode body, String caller) {
        String name = name(body, "dnc", "name");
        Optional<String> existing = dnc.category(name);
        if (existing.isPresent()) {
            throw new ApiException(409, "dnc.name", "the DNC category '" + existing.get() + "' exists already");
        }
        dnc.createCategory(name);
        audit.record(caller, "dnc.category.create", name);
        return ApiResponse.json(201, Map.of("name", name));
    }

    /** The valid numbers are added; the unreadable ones are answered with their line, not refused. */
    ApiResponse addNumbers(JsonNode body, String caller) {
        String named = name(body, "dnc", "category");
        String category = dnc.category(named).orElseThrow(() -> new ApiException(404, "dnc.category", dnc.unknownCategory(named)));
        JsonNode numbers = body.path("numbers");
        if (body.hasNonNull("file")) {
            // a TPS-style file as text: one number a line
            var lines = Json.MAPPER.createArrayNode();
            body.get("file").asText().lines().forEach(lines::add);
            numbers = lines;
        }
        if (!numbers.isArray() || numbers.isEmpty()) {
            throw new ApiException(400, "dnc.numbers", "give at least one number, or a TPS-style file as text in file");
        }
        List<String> valid = new ArrayList<>();
        List<Map<String, Object>> unreadable = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String raw = numbers.get(i).asText().strip();
            if (raw.isEmpty()) {
                continue;
            }
            Optional<String> e164 = DncNumbers.toE164(raw);
            if (e164.isPresent()) {
                valid.add(e164.get());
            } else {
                unreadable.add(Map.of("line", i + 1, "value", raw));
            }
        }
        dnc.add(category, valid);
        audit.record(caller, "dnc.numbers.add", category + ": " + valid.size() + " numbers");
        return ApiResponse.json(200, Map.of("category", category, "added", valid.size(), "unreadable", unreadable));
    }
}
