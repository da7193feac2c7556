package com.leadimport.api;

import static com.leadimport.api.JsonBodies.name;
import static com.leadimport.api.JsonBodies.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.request.FieldType;
import com.leadimport.domain.request.Limits;
import com.leadimport.domain.request.Problem;
import com.leadimport.domain.secondary.SecondaryValueParser;
import com.leadimport.ports.AuditLog;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.ContactTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contact data tables: the secondary fields a lead can carry. Saving a table adds its fields
 * to those it has; a field keeps its type once made.
 */
final class ContactTableRoutes {

    private final CatalogStore catalog;
    private final AuditLog audit;

    ContactTableRoutes(CatalogStore catalog, AuditLog audit) {
        this.catalog = catalog;
        this.audit = audit;
    }

    ApiResponse tables() {
        return ok(catalog.contactTables());
    }

    ApiResponse save(JsonNode body, String caller) {
        String name = name(body, "table", "name");
        List<ContactTable.Field> fields = fields(body);
        Map<String, ContactTable.Field> merged = new LinkedHashMap<>();
        catalog.contactTable(name).ifPresent(t -> t.fields().forEach(f -> merged.put(f.name(), f)));
        for (ContactTable.Field field : fields) {
            ContactTable.Field existing = merged.get(field.name());
            if (existing != null && existing.type() != field.type()) {
                throw new ApiException(409, "table.fields", "'" + field.name() + "' is a " + existing.type().words()
                        + " field already");
            }
            merged.put(field.name(), field);
        }
        ContactTable table = new ContactTable(name, List.copyOf(merged.values()));
        catalog.saveContactTable(table);
        audit.record(caller, "contact-table.save", name + ": " + merged.keySet());
        return ApiResponse.json(200, table);
    }

    /** The body's fields, every one checked: a 400 names each field at fault. */
    private static List<ContactTable.Field> fields(JsonNode body) {
        List<ContactTable.Field> fields = new ArrayList<>();
        List<Problem> errors = new ArrayList<>();
        JsonNode given = body.path("fields");
        if (!given.isMissingNode() && !given.isArray()) {
            throw new ApiException(400, "table.fields", "must be an array of {name, type, description, default}");
        }
        for (int i = 0; i < given.size(); i++) {
            JsonNode field = given.get(i);
            String where = "table.fields[" + i + "]";
            if (!field.isObject()) {
                errors.add(Problem.of(where, "must be an object {name, type, description, default}"));
                continue;
            }
            String fieldName = field.path("name").asText("").strip();
            if (fieldName.isEmpty()) {
                errors.add(Problem.of(where + ".name", "required"));
                continue;
            }
            Optional<String> badName = Limits.nameProblem(fieldName);
            if (badName.isPresent()) {
                errors.add(Problem.of(where + ".name", badName.get()));
                continue;
            }
            FieldType type;
            try {
                type = FieldType.valueOf(field.path("type").asText(""));
            } catch (IllegalArgumentException e) {
                errors.add(Problem.of(where + ".type", "choose one of " + String.join(", ",
                        Arrays.stream(FieldType.values()).map(FieldType::words).toList())));
                continue;
            }
            String defaultValue = blankToNull(field.path("default").asText(null));
            Optional<String> badDefault = SecondaryValueParser.defaultProblem(type, defaultValue);
            if (badDefault.isPresent()) {
                errors.add(Problem.of(where + ".default", badDefault.get()));
                continue;
            }
            String description = blankToNull(field.path("description").asText(null));
            Optional<Problem> tooLong = Limits.textProblem(defaultValue, Limits.VALUE).map(p -> Problem.of(where + ".default", p))
                    .or(() -> Limits.textProblem(description, Limits.VALUE).map(p -> Problem.of(where + ".description", p)));
            if (tooLong.isPresent()) {
                errors.add(tooLong.get());
                continue;
            }
            fields.add(new ContactTable.Field(fieldName, description, type, defaultValue));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, errors);
        }
        return fields;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
