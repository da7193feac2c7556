package com.leadimport.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.leadimport.domain.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** api/openapi.yaml against the handler: the same routes, and a request schema the real JSON fits. */
class OpenApiTest {

    private static final JsonNode SPEC = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "api", "openapi.yaml").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theSpecListsExactlyTheRoutesTheHandlerAnswers() {
        Set<String> documented = new TreeSet<>();
        SPEC.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                documented.add(method.toUpperCase(Locale.ROOT) + " "
                        + path.getKey().substring("/api/".length()).replace("{importId}", "*"))));
        WizardApi api = new WizardApi(null, null, null, null, null, null, Clock.systemUTC(), () -> "x",
                new WizardApi.Options("u", "w", true, false));

        assertThat(documented).isEqualTo(new TreeSet<>(api.routeShapes()));
    }

    @Test
    void everyOperationDocumentsSignInAndTheErrorsShape() {
        SPEC.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            JsonNode responses = operation.getValue().get("responses");
            assertThat(responses.has("401")).as(operation.getKey() + " " + path.getKey()).isTrue();
            responses.fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") && !response.getValue().has("$ref")) {
                    assertThat(response.getValue().at("/content/application~1json/schema/$ref").asText())
                            .as(operation.getKey() + " " + path.getKey() + " " + response.getKey())
                            .isEqualTo("#/components/schemas/Errors");
                }
            });
        }));
    }

    @Test
    void theSampleRequestUsesOnlyPropertiesTheSchemaNames() throws Exception {
        JsonNode sample = Json.MAPPER.readTree(Path.of("samples", "request.json").toFile());
        List<String> unknown = new ArrayList<>();

        check(sample, SPEC.at("/components/schemas/ImportRequest"), "", unknown);

        assertThat(unknown).isEmpty();
    }

    /** Every property of the value is declared by the schema (following $ref and allOf), recursively. */
    private static void check(JsonNode value, JsonNode given, String where, List<String> unknown) {
        JsonNode schema = resolve(given);
        if (value.isObject()) {
            value.fields().forEachRemaining(field -> {
                JsonNode property = property(schema, field.getKey());
                if (property == null) {
                    unknown.add(where + "." + field.getKey());
                } else {
                    check(field.getValue(), property, where + "." + field.getKey(), unknown);
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            value.forEach(item -> check(item, schema.get("items"), where + "[]", unknown));
        }
    }

    private static JsonNode property(JsonNode schema, String name) {
        if (schema.path("properties").has(name)) {
            return schema.get("properties").get(name);
        }
        for (JsonNode part : schema.path("allOf")) {
            JsonNode found = property(resolve(part), name);
            if (found != null) {
                return found;
            }
        }
        return schema.path("additionalProperties").isObject() ? schema.get("additionalProperties") : null;
    }

    private static JsonNode resolve(JsonNode schema) {
        return schema.has("$ref") ? SPEC.at(schema.get("$ref").asText().substring(1)) : schema;
    }
}
