package com.leadimport.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.leadimport.adapters.Tables;
import com.leadimport.adapters.dynamodb.TableDefinitions;
import com.leadimport.domain.json.Json;
import com.leadimport.handlers.JsonStepHandler;
import com.leadimport.local.sfn.StateMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * No SAM CLI or cfn-lint runs here, so this reads template.yaml (CloudFormation tags turned
 * into their long forms) and fails on any inconsistency between it, the code and the
 * definitions.
 */
class TemplateConsistencyTest {

    private static final Path ROOT = Path.of("..");
    private static JsonNode template;
    private static JsonNode resources;

    @BeforeAll
    static void read() throws Exception {
        String text = Files.readString(ROOT.resolve("template.yaml"));
        text = text.replaceAll("!Ref\\s+([A-Za-z0-9_.:]+)", "{\"Ref\": \"$1\"}")
                .replaceAll("!GetAtt\\s+([A-Za-z0-9_.]+)", "{\"Fn::GetAtt\": \"$1\"}")
                .replaceAll("!Sub\\s+('[^']*'|\"[^\"]*\")", "{\"Fn::Sub\": $1}");
        assertThat(text).as("every CloudFormation tag is understood").doesNotContain(" !");
        template = new ObjectMapper(new YAMLFactory()).readTree(text);
        resources = template.get("Resources");
    }

    private static Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new HashMap<>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    @Test
    void everyHandlerIsAStepHandlerInTheBuiltArtifactAndItsSampleEventReadsAsItsInput() throws Exception {
        String codeUri = template.path("Globals").path("Function").path("CodeUri").asText();
        assertThat(codeUri).isEqualTo("functions/target/lead-import-functions.jar");
        assertThat(Files.readString(ROOT.resolve("functions/pom.xml")))
                .as("the shade plugin writes the artifact CodeUri names")
                .contains("<outputFile>${project.build.directory}/lead-import-functions.jar</outputFile>");
        Path jar = ROOT.resolve(codeUri);
        Map<String, JsonNode> functions = ofType("AWS::Serverless::Function");
        assertThat(functions).hasSizeGreaterThanOrEqualTo(8);
        for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
            String handler = function.getValue().path("Properties").path("Handler").asText();
            assertThat(handler).as(function.getKey()).endsWith("::handleRequest");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(JsonStepHandler.class).as(function.getKey()).isAssignableFrom(type);
            Class<?> input = inputType(type);
            Path event = ROOT.resolve("events").resolve(function.getKey() + ".json");
            assertThat(event).as("a sample event for " + function.getKey()).exists();
            assertThat(Json.MAPPER.readValue(event.toFile(), input)).as(event.toString()).isNotNull();
            if (Files.exists(jar)) {
                try (JarFile artifact = new JarFile(jar.toFile())) {
                    assertThat(artifact.getEntry(type.getName().replace('.', '/') + ".class")).as(handler + " in " + jar).isNotNull();
                }
            }
        }
    }

    /** The I of {@code JsonStepHandler<I, O>}, read without building the handler (and its AWS clients). */
    private static Class<?> inputType(Class<?> handler) {
        var superclass = (java.lang.reflect.ParameterizedType) handler.getGenericSuperclass();
        return (Class<?>) superclass.getActualTypeArguments()[0];
    }

    @Test
    void everyReferenceHasATarget() {
        Set<String> names = new HashSet<>();
        resources.fieldNames().forEachRemaining(names::add);
        template.path("Parameters").fieldNames().forEachRemaining(names::add);
        List<String> missing = new ArrayList<>();
        walk(template, (key, value) -> {
            List<String> targets = new ArrayList<>();
            if (key.equals("Ref")) {
                targets.add(value.asText().replace(".Alias", ""));
            } else if (key.equals("Fn::GetAtt")) {
                targets.add(value.asText().substring(0, value.asText().indexOf('.')));
            } else if (key.equals("Fn::Sub")) {
                Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_:]+)").matcher(value.asText());
                while (m.find()) {
                    targets.add(m.group(1));
                }
            }
            targets.stream().filter(t -> !t.startsWith("AWS::") && !names.contains(t)).forEach(missing::add);
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void everyDefinitionPlaceholderHasASubstitutionAndEverySubstitutionIsUsed() throws Exception {
        for (JsonNode machine : ofType("AWS::Serverless::StateMachine").values()) {
            JsonNode properties = machine.path("Properties");
            String definition = Files.readString(ROOT.resolve(properties.path("DefinitionUri").asText()));
            Set<String> used = new TreeSet<>();
            Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(definition);
            while (m.find()) {
                used.add(m.group(1));
            }
            Set<String> given = new TreeSet<>();
            properties.path("DefinitionSubstitutions").fieldNames().forEachRemaining(given::add);
            assertThat(given).as(properties.path("DefinitionUri").asText()).isEqualTo(used);
            Map<String, String> dummy = new HashMap<>();
            given.forEach(g -> dummy.put(g, g));
            StateMachine.load(definition, dummy);
        }
    }

    @Test
    void eachFunctionsEnvironmentNamesOnlyWhatItsPoliciesGrant() {
        for (Map.Entry<String, JsonNode> function : ofType("AWS::Serverless::Function").entrySet()) {
            JsonNode properties = function.getValue().path("Properties");
            Set<String> granted = new HashSet<>();
            walk(properties.path("Policies"), (key, value) -> {
                if (key.equals("Ref")) {
                    granted.add(value.asText());
                }
            });
            Set<String> named = new HashSet<>();
            walk(properties.path("Environment"), (key, value) -> {
                if (key.equals("Ref") && (value.asText().endsWith("Table") || value.asText().endsWith("Bucket"))) {
                    named.add(value.asText());
                }
            });
            assertThat(granted).as(function.getKey() + " has a policy for every table and bucket it names").containsAll(named);
            assertThat(named).as(function.getKey() + " uses every table and bucket it has a policy for").containsAll(
                    granted.stream().filter(g -> g.endsWith("Table") || g.endsWith("Bucket")).toList());
        }
    }

    @Test
    void aFunctionThatRemovesLeadsCanAlsoTakeThemOutOfTheDiallerBuffer() {
        // DynamoLeadStore.delete removes a lead with its keys, secondary rows and buffer entry
        for (Map.Entry<String, JsonNode> function : ofType("AWS::Serverless::Function").entrySet()) {
            JsonNode variables = function.getValue().path("Properties").path("Environment").path("Variables");
            if (variables.has("LEADS_TABLE")) {
                assertThat(variables.has("BUFFER_TABLE") && variables.has("DEDUPE_KEYS_TABLE") && variables.has("SECONDARY_ROWS_TABLE"))
                        .as(function.getKey() + " names the tables a lead's removal touches").isTrue();
            }
        }
    }

    @Test
    void aWildcardResourceIsOnlyGrantedForWhatAwsOffersNoOtherWay() {
        List<String> wildcardActions = new ArrayList<>();
        walk(resources, (key, value) -> {
            if (key.equals("Statement")) {
                value.forEach(statement -> {
                    if (statement.path("Resource").asText().equals("*")) {
                        statement.path("Action").forEach(action -> wildcardActions.add(action.asText()));
                    }
                });
            }
        });
        assertThat(wildcardActions).isNotEmpty()
                .allMatch(action -> action.startsWith("logs:") || action.startsWith("xray:"), "a CloudWatch Logs or X-Ray action");
    }

    @Test
    void theTemplatesTablesHaveTheKeysAndIndexesTheAdaptersUse() {
        Map<String, String> logicalIds = Map.of("leads", "LeadsTable", "dedupe-keys", "DedupeKeysTable", "dnc", "DncTable",
                "imports", "ImportsTable", "catalog", "CatalogTable", "callbacks", "CallbacksTable", "buffer", "BufferTable",
                "secondary-rows", "SecondaryRowsTable", "audit", "AuditTable", "leases", "LeasesTable");
        for (CreateTableRequest table : TableDefinitions.all(Tables.withPrefix("x"))) {
            JsonNode declared = resources.path(logicalIds.get(table.tableName().substring(2))).path("Properties");
            assertThat(keys(declared.path("KeySchema"))).as(table.tableName()).isEqualTo(
                    table.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList());
            Map<String, List<String>> indexes = new HashMap<>();
            declared.path("GlobalSecondaryIndexes").forEach(i -> indexes.put(i.path("IndexName").asText(), keys(i.path("KeySchema"))));
            Map<String, List<String>> expected = new HashMap<>();
            table.globalSecondaryIndexes().forEach(i -> expected.put(i.indexName(),
                    i.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList()));
            assertThat(indexes).as(table.tableName()).isEqualTo(expected);
            assertThat(declared.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        }
    }

    private static List<String> keys(JsonNode schema) {
        List<String> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(k.path("AttributeName").asText() + ":" + k.path("KeyType").asText()));
        return keys;
    }

    private interface Visitor {
        void visit(String key, JsonNode value);
    }

    private static void walk(JsonNode node, Visitor visitor) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                visitor.visit(e.getKey(), e.getValue());
                walk(e.getValue(), visitor);
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, visitor));
        }
    }
}
