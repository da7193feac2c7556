package com.leadimport.api;

import static com.leadimport.api.JsonBodies.name;
import static com.leadimport.api.JsonBodies.ok;
import static com.leadimport.api.JsonBodies.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.phone.DncNumbers;
import com.leadimport.ports.AuditLog;
import com.leadimport.ports.DncStore;
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
        List<String> lines = body.hasNonNull("file")
                ? body.get("file").asText().lines().toList() // a TPS-style file as text: one number a line
                : body.path("numbers").isArray() ? strings(body.get("numbers")) : List.of();
        if (lines.isEmpty()) {
            throw new ApiException(400, "dnc.numbers", "give at least one number, or a TPS-style file as text in file");
        }
        DncNumbers.Read read = DncNumbers.read(lines);
        dnc.add(category, read.e164());
        audit.record(caller, "dnc.numbers.add", category + ": " + read.e164().size() + " numbers");
        return ApiResponse.json(200, Map.of("category", category, "added", read.e164().size(), "unreadable", read.unreadable()));
    }
}
