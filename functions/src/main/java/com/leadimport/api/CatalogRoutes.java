package com.leadimport.api;

import static com.leadimport.api.JsonBodies.name;
import static com.leadimport.api.JsonBodies.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.request.FieldLabels;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.request.Settings;
import com.leadimport.ports.AuditLog;
import com.leadimport.ports.CatalogStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the wizard chooses from: lists (create, clone), suppliers, skill groups, the saved
 * settings, mapping and secondary profiles, and the stage and field labels its messages use.
 */
final class CatalogRoutes {

    private final CatalogStore catalog;
    private final AuditLog audit;

    CatalogRoutes(CatalogStore catalog, AuditLog audit) {
        this.catalog = catalog;
        this.audit = audit;
    }

    /** The stage names and field labels the API's messages use, for the console to use the same (one source). */
    ApiResponse labels() {
        return ok(Map.of("stages", FieldLabels.STAGES, "fields", FieldLabels.FIELDS, "leadFields",
                Arrays.stream(LeadField.values()).map(f -> Map.of("name", f.jsonName(), "label", f.label())).toList()));
    }

    ApiResponse lists() {
        return ok(catalog.lists());
    }

    ApiResponse createList(JsonNode body, String caller) {
        String name = name(body, "list", "name");
        if (!catalog.createList(name)) {
            throw new ApiException(409, "list.name", "a list called '" + name + "' exists already");
        }
        audit.record(caller, "list.create", name);
        return ApiResponse.json(201, Map.of("name", name));
    }

    ApiResponse cloneList(JsonNode body, String caller) {
        String from = name(body, "list", "from");
        String name = name(body, "list", "name");
        if (!catalog.listExists(from)) {
            throw new ApiException(404, "list.from", "there is no list called '" + from + "'");
        }
        if (!catalog.createList(name)) {
            throw new ApiException(409, "list.name", "a list called '" + name + "' exists already");
        }
        audit.record(caller, "list.clone", from + " -> " + name);
        return ApiResponse.json(201, Map.of("name", name, "clonedFrom", from));
    }

    ApiResponse suppliers() {
        return ok(catalog.suppliers());
    }

    ApiResponse skillGroups() {
        return ok(catalog.skillGroups());
    }

    ApiResponse createSkillGroup(JsonNode body, String caller) {
        String name = name(body, "skillGroup", "name");
        if (catalog.skillGroup(name).isPresent() || !catalog.createSkillGroup(name)) {
            throw new ApiException(409, "skillGroup.name", "a skill group called '" + name + "' exists already");
        }
        audit.record(caller, "skill-group.create", name);
        return ApiResponse.json(201, Map.of("name", name));
    }

    /** Saved settings, the caller's default first and the only one marked "my default". */
    ApiResponse settingsProfiles(String caller) {
        Optional<String> myDefault = catalog.myDefaultSettingsProfile(caller);
        List<Settings> profiles = catalog.settingsProfiles().stream()
                .map(s -> s.withMyDefault(myDefault.filter(s.name()::equals).isPresent()))
                .sorted((a, b) -> Boolean.compare(b.myDefault(), a.myDefault()))
                .toList();
        return ok(profiles);
    }

    ApiResponse mappingProfiles() {
        return ok(catalog.mappingProfiles());
    }

    ApiResponse secondaryMappings() {
        return ok(catalog.secondaryMappings());
    }
}
