package com.leadimport.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.leadimport.adapters.Tables;
import com.leadimport.adapters.dynamodb.TableDefinitions;
import com.leadimport.api.ApiRequest;
import com.leadimport.api.ApiResponse;
import com.leadimport.api.WizardApi;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.request.ImportRequests;
import com.leadimport.handlers.JsonStepHandler;
import com.leadimport.imports.ImportRecord;
import com.leadimport.local.LocalRuntime;
import com.leadimport.local.sfn.StateMachine;
import com.leadimport.ports.AuditLog;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.UploadUrls;
import com.leadimport.workflow.ChunkRef;
import com.leadimport.workflow.ExecutionFailure;
import com.leadimport.workflow.FileArrived;
import com.leadimport.workflow.ImportJob;
import com.leadimport.workflow.KeyShardRef;
import com.leadimport.workflow.SplitResult;
import com.leadimport.workflow.Workflow;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
                } else if (key.equals("Fn::GetAtt")) {
                    granted.add(value.asText().substring(0, value.asText().indexOf('.')));
                } else if (key.equals("Fn::Sub")) {
                    Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)[.}]").matcher(value.asText());
                    while (m.find()) {
                        granted.add(m.group(1));
                    }
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

    // ---------- S3: TLS only, and each principal's grants are what its code does ----------

    /** S3 actions on a bucket rather than its objects: scoped by an s3:prefix condition, never by the resource. */
    private static final Set<String> BUCKET_ACTIONS = Set.of("s3:ListBucket", "s3:ListBucketVersions",
            "s3:ListBucketMultipartUploads", "s3:GetBucketLocation");

    /** A key prefix: a literal first segment (no wildcard or variable) and its slash. */
    private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9._-]+/.*");

    /** A bucket's ARN as the template writes it ({@code ${X.Arn}} or {@code arn:${AWS::Partition}:s3:::${X}}), then a path. */
    private static final Pattern BUCKET_ARN = Pattern.compile("(?:\\$\\{(\\w+)\\.Arn}|arn:\\$\\{AWS::Partition}:s3:::\\$\\{(\\w+)})(.*)");

    /** Allow statements that may name every object of a bucket, and why. */
    private static final Map<String, String> WHOLE_BUCKET_GRANTS = Map.of("ConsoleBucketPolicy/CloudFrontReadsTheConsole",
            "CloudFront serves the console, which is every object of the console bucket and all that bucket holds");

    /**
     * What each function's (and state machine's) code does in S3: bucket, action, key prefix. ListBucket
     * is there for a listing, and for an existence check, whose "missing" S3 answers with a 404 only to a
     * caller that may list the key (else 403). {@link #eachPrincipalsS3GrantsAreWhatItsCodeUses} holds the
     * template to it, {@link #eachPrincipalsCodeCallsS3AsTheTableSays} the code.
     */
    private static final Map<String, Set<String>> S3_USE = new TreeMap<>(Map.ofEntries(
            Map.entry("PrepareImportFunction", Set.of("UploadBucket s3:GetObject uploads/", "UploadBucket s3:GetObject suppliers/",
                    "UploadBucket s3:ListBucket suppliers/")),
            Map.entry("SplitFileFunction", Set.of("UploadBucket s3:GetObject uploads/", "UploadBucket s3:GetObject suppliers/",
                    "WorkBucket s3:PutObject work/")),
            Map.entry("ScreenChunkFunction", Set.of("WorkBucket s3:GetObject work/", "WorkBucket s3:PutObject work/")),
            Map.entry("ResolveDuplicatesFunction", Set.of("WorkBucket s3:GetObject work/", "WorkBucket s3:PutObject work/")),
            Map.entry("LeaseListsFunction", Set.of()),
            Map.entry("PrepareListFunction", Set.of("WorkBucket s3:GetObject work/", "WorkBucket s3:PutObject work/",
                    "WorkBucket s3:ListBucket work/", "WorkBucket s3:GetObject lists/", "WorkBucket s3:PutObject lists/",
                    "WorkBucket s3:ListBucket lists/")),
            Map.entry("WriteChunkFunction", Set.of("WorkBucket s3:GetObject work/", "WorkBucket s3:PutObject work/",
                    "WorkBucket s3:ListBucket work/")),
            Map.entry("WriteKeysFunction", Set.of("WorkBucket s3:GetObject work/", "WorkBucket s3:ListBucket work/")),
            Map.entry("FinalizeImportFunction", Set.of("WorkBucket s3:GetObject work/", "WorkBucket s3:DeleteObject work/",
                    "WorkBucket s3:ListBucket work/", "WorkBucket s3:PutObject rejected/")),
            Map.entry("MarkImportEndedFunction", Set.of("WorkBucket s3:DeleteObject work/", "WorkBucket s3:ListBucket work/")),
            Map.entry("PurgeExpiredImportsFunction", Set.of()),
            Map.entry("WizardApiFunction", Set.of("UploadBucket s3:PutObject staging/", "UploadBucket s3:GetObject staging/",
                    "UploadBucket s3:ListBucket staging/", "UploadBucket s3:PutObject uploads/", "WorkBucket s3:GetObject rejected/")),
            Map.entry("ImportStateMachine", Set.of("WorkBucket s3:GetObject work/")),
            Map.entry("ImportStoppedStateMachine", Set.of()),
            Map.entry("PurgeStateMachine", Set.of())));

    @Test
    void everyBucketRefusesRequestsWithoutTls() {
        Map<String, JsonNode> buckets = ofType("AWS::S3::Bucket");
        assertThat(buckets).isNotEmpty();
        for (String bucket : buckets.keySet()) {
            List<JsonNode> refusals = new ArrayList<>();
            ofType("AWS::S3::BucketPolicy").values().stream()
                    .filter(policy -> policy.path("Properties").path("Bucket").path("Ref").asText().equals(bucket))
                    .forEach(policy -> items(policy.path("Properties").path("PolicyDocument").path("Statement")).stream()
                            .filter(statement -> refusesPlainHttp(statement, bucket)).forEach(refusals::add));
            assertThat(refusals).as(bucket + ": a bucket policy denies everyone s3:* on the bucket and its objects"
                    + " when aws:SecureTransport is false").isNotEmpty();
        }
    }

    private static boolean refusesPlainHttp(JsonNode statement, String bucket) {
        JsonNode principal = statement.path("Principal");
        List<String> resources = arns(statement.path("Resource"));
        return statement.path("Effect").asText().equals("Deny")
                && (principal.asText().equals("*") || principal.path("AWS").asText().equals("*"))
                && arns(statement.path("Action")).contains("s3:*")
                && statement.path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false")
                && resources.stream().anyMatch(r -> bucketAndPath(r).filter(b -> b[0].equals(bucket) && b[1].isEmpty()).isPresent())
                && resources.stream().anyMatch(r -> bucketAndPath(r).filter(b -> b[0].equals(bucket) && b[1].equals("/*")).isPresent());
    }

    @Test
    void noOneIsAllowedAWholeBucketOrAnS3ActionWildcard() {
        List<String> problems = new ArrayList<>();
        Set<String> excepted = new TreeSet<>();
        principalPolicies().forEach((principal, policies) -> policies.forEach(policy -> policy.fieldNames().forEachRemaining(name -> {
            if (name.matches("S3\\w*Policy")) {
                problems.add(principal + " uses the SAM policy template " + name + ", which grants a whole bucket");
            }
        })));
        resources.fields().forEachRemaining(resource -> walk(resource.getValue(), (key, value) -> {
            if (key.equals("Statement")) {
                List<JsonNode> statements = items(value);
                for (int i = 0; i < statements.size(); i++) {
                    JsonNode statement = statements.get(i);
                    String where = resource.getKey() + "/" + statement.path("Sid").asText("#" + i);
                    if (statement.path("Effect").asText().equals("Allow")) {
                        checkS3Allow(where, statement, problems, excepted);
                    }
                }
            }
        }));
        assertThat(problems).isEmpty();
        assertThat(excepted).as("every named exception is still used").isEqualTo(WHOLE_BUCKET_GRANTS.keySet());
    }

    private static void checkS3Allow(String where, JsonNode statement, List<String> problems, Set<String> excepted) {
        List<String> actions = arns(statement.path("Action")).stream()
                .filter(a -> a.equals("*") || a.toLowerCase(java.util.Locale.ROOT).startsWith("s3:")).toList();
        if (actions.isEmpty()) {
            return;
        }
        actions.stream().filter(a -> a.contains("*") || a.contains("?")).forEach(a -> problems.add(where + " allows " + a));
        List<String> resourceArns = arns(statement.path("Resource"));
        List<String> onBuckets = actions.stream().filter(BUCKET_ACTIONS::contains).toList();
        if (!onBuckets.isEmpty()) {
            if (onBuckets.size() != actions.size()) {
                problems.add(where + " mixes bucket actions " + onBuckets + " with object actions: one statement each");
            }
            List<String> prefixes = arns(statement.path("Condition").path("StringLike").path("s3:prefix"));
            if (prefixes.isEmpty() || !prefixes.stream().allMatch(p -> KEY_PREFIX.matcher(p).matches())) {
                problems.add(where + " allows " + onBuckets + " without an s3:prefix condition naming key prefixes " + prefixes);
            }
            resourceArns.stream().filter(r -> bucketAndPath(r).filter(b -> b[1].isEmpty()).isEmpty())
                    .forEach(r -> problems.add(where + " allows " + onBuckets + " on " + r + ", which is not a bucket"));
            return;
        }
        for (String resource : resourceArns) {
            Optional<String[]> arn = bucketAndPath(resource);
            if (arn.isPresent() && arn.get()[1].startsWith("/") && KEY_PREFIX.matcher(arn.get()[1].substring(1)).matches()) {
                continue;
            }
            if (WHOLE_BUCKET_GRANTS.containsKey(where)) {
                excepted.add(where);
            } else {
                problems.add(where + " allows " + actions + " on " + resource + ", which names no key prefix");
            }
        }
    }

    @Test
    void eachPrincipalsS3GrantsAreWhatItsCodeUses() {
        Map<String, Set<String>> granted = new TreeMap<>();
        principalPolicies().forEach((principal, policies) -> {
            Set<String> grants = new TreeSet<>();
            policies.forEach(policy -> items(policy.path("Statement")).forEach(statement -> grants.addAll(s3Grants(statement))));
            granted.put(principal, grants);
        });
        assertThat(granted).isEqualTo(S3_USE);
    }

    /** "Bucket action prefix/" for each S3 action an Allow statement grants, on each bucket and key prefix it names. */
    private static Set<String> s3Grants(JsonNode statement) {
        Set<String> grants = new TreeSet<>();
        if (!statement.path("Effect").asText().equals("Allow")) {
            return grants;
        }
        for (String action : arns(statement.path("Action"))) {
            if (!action.startsWith("s3:")) {
                continue;
            }
            for (String resource : arns(statement.path("Resource"))) {
                String[] arn = bucketAndPath(resource).orElse(new String[] {"?", resource});
                if (BUCKET_ACTIONS.contains(action)) {
                    List<String> prefixes = arns(statement.path("Condition").path("StringLike").path("s3:prefix"));
                    (prefixes.isEmpty() ? List.of("*") : prefixes).forEach(p -> grants.add(arn[0] + " " + action + " " + topPrefix(p)));
                } else {
                    grants.add(arn[0] + " " + action + " " + topPrefix(arn[1].isEmpty() ? "" : arn[1].substring(1)));
                }
            }
        }
        return grants;
    }

    /**
     * Runs the wizard's calls and every workflow step on the local emulators, with an S3 that writes
     * down who asks what of which bucket and key prefix; the state machines' own S3 reads are those
     * their definitions name. All of it must be what {@link #S3_USE} says.
     */
    @Test
    void eachPrincipalsCodeCallsS3AsTheTableSays() throws Exception {
        Map<String, Set<String>> calls = new TreeMap<>();
        // steps may call S3 from threads of their own (work files read ahead, written behind)
        S3_USE.keySet().forEach(principal -> calls.put(principal, new java.util.concurrent.ConcurrentSkipListSet<>()));
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null))) {
            String upload = runtime.tables().uploadBucket();
            String work = runtime.tables().workBucket();
            S3Calls s3 = new S3Calls(runtime.files(), Map.of(upload, "UploadBucket", work, "WorkBucket"), calls);
            Workflow local = runtime.workflow();
            Workflow steps = new Workflow(local.imports(), local.catalog(), local.dnc(), local.leads(), local.buffer(),
                    local.leases(), s3, local.clock(), local.workBucket(), 2, local.purgeZone(), local.purgeBudget());
            WizardApi api = new WizardApi(local.imports(), local.catalog(), local.dnc(), s3, s3, NO_AUDIT,
                    local.clock().withZone(local.purgeZone()), () -> "wizard-import",
                    new WizardApi.Options(upload, work, false, false));
            byte[] csv = """
                    Name,Phone,Email
                    Ann,07412 345001,ann@example.com
                    Bob,,
                    Cy,07412 345003,cy@example.com
                    Ann,07412 345001,ann@example.com
                    Di,07412 345004,di@example.com
                    """.getBytes(StandardCharsets.UTF_8);

            // the wizard: a new import, its preview before and after the browser's upload, its request, Start
            s3.as("WizardApiFunction");
            String importId = call(api, 201, "POST", "imports", "{\"fileName\": \"leads.csv\", \"size\": " + csv.length + "}")
                    .path("importId").asText();
            call(api, 409, "GET", "imports/" + importId + "/preview", "");
            runtime.files().put(upload, s3.presignedUpload, csv, "text/csv"); // the browser's PUT, with the URL
            call(api, 200, "PUT", "imports/" + importId + "/request", REQUEST);
            call(api, 200, "GET", "imports/" + importId + "/preview", "");
            call(api, 202, "POST", "imports/" + importId + "/start", "");

            // the import the copy Start made starts, state by state
            ImportRecord record = local.imports().find(importId).orElseThrow();
            FileArrived file = new FileArrived(upload, record.fileKey(), (long) csv.length, "1", "execution-1");
            s3.as("PrepareImportFunction");
            ImportJob job = steps.prepareImport().prepare(file);
            s3.as("SplitFileFunction");
            SplitResult split = steps.splitFile().split(job);
            List<ChunkRef> chunks = Json.MAPPER.readValue(runtime.files().read(work, split.manifestKey()), new TypeReference<List<ChunkRef>>() { });
            List<KeyShardRef> shards = Json.MAPPER.readValue(runtime.files().read(work, split.keyShardsKey()),
                    new TypeReference<List<KeyShardRef>>() { });
            assertThat(chunks).hasSizeGreaterThan(1);
            s3.as("ScreenChunkFunction");
            chunks.forEach(steps.screenChunk()::screen);
            s3.as("ResolveDuplicatesFunction");
            // no in-file dedupe: no chunk has a duplicates file (a 404), and Ann's keys are in two chunks, so
            // WriteChunk leaves them to WriteKeys
            assertThat(steps.resolveDuplicates().resolve(split)).isZero();
            s3.as("LeaseListsFunction");
            assertThat(steps.leaseLists().lease(split).acquired()).isTrue();
            s3.as("PrepareListFunction");
            while (!steps.prepareList().prepare(split).done()) {
                // a page a call, as the state machine loops
            }
            s3.as("WriteChunkFunction");
            chunks.forEach(steps.writeChunk()::write);
            s3.as("WriteKeysFunction");
            shards.forEach(steps.writeKeys()::write);
            s3.as("FinalizeImportFunction");
            steps.finalizeImport().finish(split);
            s3.as("WizardApiFunction");
            call(api, 200, "GET", "imports/" + importId + "/rejected", "");

            // a supplier's drop, its event naming the key URL-encoded, that fails after its split
            local.catalog().saveSupplierDefault("Acme", ImportRequests.parse(REQUEST));
            runtime.files().put(upload, "suppliers/Acme/new leads.csv", csv, "text/csv");
            FileArrived drop = new FileArrived(upload, "suppliers/Acme/new+leads.csv", (long) csv.length, "2", "execution-2");
            s3.as("PrepareImportFunction");
            ImportJob dropJob = steps.prepareImport().prepare(drop);
            s3.as("SplitFileFunction");
            SplitResult dropSplit = steps.splitFile().split(dropJob);
            s3.as("MarkImportEndedFunction");
            assertThat(steps.markImportEnded().end(new ExecutionFailure(drop, dropJob,
                    new ExecutionFailure.Error("States.TaskFailed", "failed for the test"))).done()).isTrue();
            assertThat(runtime.files().list(work, "work/" + dropSplit.importId() + "/")).isEmpty();

            s3.as("PurgeExpiredImportsFunction");
            steps.purgeExpiredImports().purge(null);

            // the state machines' own S3 calls: their Distributed Maps' ItemReaders
            for (Map.Entry<String, JsonNode> machine : ofType("AWS::Serverless::StateMachine").entrySet()) {
                JsonNode properties = machine.getValue().path("Properties");
                JsonNode definition = Json.MAPPER.readTree(Files.readString(ROOT.resolve(properties.path("DefinitionUri").asText())));
                List<String> s3Resources = new ArrayList<>();
                List<JsonNode> readers = new ArrayList<>();
                walk(definition, (key, value) -> {
                    if (key.equals("Resource") && value.asText().startsWith("arn:aws:states:::s3:")) {
                        s3Resources.add(value.asText());
                    }
                    if (key.equals("ItemReader")) {
                        readers.add(value);
                    }
                });
                assertThat(s3Resources).as(machine.getKey() + ": S3 is only read by ItemReaders (else give it a row in S3_USE)")
                        .hasSize(readers.size());
                for (JsonNode value : readers) {
                    assertThat(value.path("Resource").asText()).isEqualTo("arn:aws:states:::s3:getObject");
                    assertThat(value.path("Parameters").path("Bucket").asText()).isEqualTo("${WorkBucket}");
                    String path = value.path("Parameters").path("Key.$").asText();
                    assertThat(path).as("an ItemReader reads a key the split result names").startsWith("$.split.");
                    try {
                        String itemsKey = (String) SplitResult.class.getMethod(path.substring("$.split.".length())).invoke(split);
                        calls.get(machine.getKey()).add("WorkBucket s3:GetObject " + topPrefix(itemsKey));
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(path + " is not a field of SplitResult", e);
                    }
                }
            }
        }
        assertThat(calls).isEqualTo(S3_USE);
    }

    private static final String REQUEST = """
            { "details": { "list": "May", "supplier": "Acme", "costPerLead": 0.10, "adHoc": true },
              "settings": { "format": { "preset": "DEFAULT_UK" }, "validateEmails": true },
              "mapping": { "fields": { "firstName": { "headers": ["Name"] }, "phone1": { "headers": ["Phone"] },
                                       "email": { "headers": ["Email"] } } } }
            """;

    private static final AuditLog NO_AUDIT = new AuditLog() {
        @Override
        public void record(String who, String action, String detail) {
        }

        @Override
        public List<Entry> recent(int limit) {
            return List.of();
        }
    };

    private static JsonNode call(WizardApi api, int status, String method, String route, String body) throws Exception {
        String path = "/api/" + route;
        ApiResponse response = api.handle(new ApiRequest(path, "", Map.of(), body, false,
                new ApiRequest.RequestContext(new ApiRequest.Http(method, path), null)));
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return Json.MAPPER.readTree(response.body());
    }

    /**
     * Files and presigned URLs that write down, for the principal now calling, the S3 action each call
     * is authorized as (a copy: GetObject on the source, PutObject on the target; a prefix's deletion:
     * ListBucket, then DeleteObject on each key), on which bucket and key prefix.
     */
    private static final class S3Calls implements FileStore, UploadUrls {

        private final FileStore files;
        private final Map<String, String> bucketIds;
        private final Map<String, Set<String>> calls;
        private String principal;
        String presignedUpload;

        S3Calls(FileStore files, Map<String, String> bucketIds, Map<String, Set<String>> calls) {
            this.files = files;
            this.bucketIds = bucketIds;
            this.calls = calls;
        }

        void as(String principal) {
            assertThat(calls).containsKey(principal);
            this.principal = principal;
        }

        private void call(String bucket, String action, String key) {
            calls.get(principal).add(bucketIds.get(bucket) + " " + action + " " + topPrefix(key));
        }

        @Override
        public InputStream open(String bucket, String key) {
            call(bucket, "s3:GetObject", key);
            return files.open(bucket, key);
        }

        @Override
        public byte[] read(String bucket, String key) {
            call(bucket, "s3:GetObject", key);
            return files.read(bucket, key);
        }

        @Override
        public long size(String bucket, String key) {
            call(bucket, "s3:GetObject", key); // HeadObject
            return files.size(bucket, key);
        }

        @Override
        public boolean exists(String bucket, String key) {
            call(bucket, "s3:GetObject", key); // HeadObject, whose 404 needs ListBucket on the key
            call(bucket, "s3:ListBucket", key);
            return files.exists(bucket, key);
        }

        @Override
        public void put(String bucket, String key, byte[] content, String contentType) {
            call(bucket, "s3:PutObject", key);
            files.put(bucket, key, content, contentType);
        }

        @Override
        public List<String> list(String bucket, String prefix) {
            call(bucket, "s3:ListBucket", prefix);
            return files.list(bucket, prefix);
        }

        @Override
        public void copy(String bucket, String fromKey, String toKey) {
            call(bucket, "s3:GetObject", fromKey);
            call(bucket, "s3:PutObject", toKey);
            files.copy(bucket, fromKey, toKey);
        }

        @Override
        public void deletePrefix(String bucket, String prefix) {
            call(bucket, "s3:ListBucket", prefix);
            call(bucket, "s3:DeleteObject", prefix);
            files.deletePrefix(bucket, prefix);
        }

        @Override
        public URI upload(String bucket, String key, String contentType, long size, Duration validFor) {
            call(bucket, "s3:PutObject", key);
            presignedUpload = key;
            return URI.create("https://example.invalid/" + key.replace(' ', '_'));
        }

        @Override
        public URI download(String bucket, String key, String fileName, Duration validFor) {
            call(bucket, "s3:GetObject", key);
            return URI.create("https://example.invalid/" + key.replace(' ', '_'));
        }
    }

    /** Each function's and state machine's Policies entries. */
    private static Map<String, List<JsonNode>> principalPolicies() {
        Map<String, List<JsonNode>> found = new TreeMap<>();
        for (String type : List.of("AWS::Serverless::Function", "AWS::Serverless::StateMachine")) {
            ofType(type).forEach((name, resource) -> found.put(name, items(resource.path("Properties").path("Policies"))));
        }
        return found;
    }

    /** A key's first segment with its slash ("work/"), the prefix grants are scoped to. */
    private static String topPrefix(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "(no prefix: '" + key + "')" : key.substring(0, slash + 1);
    }

    /** [bucket's logical id, the path after the bucket's ARN] of an S3 ARN the template writes. */
    private static Optional<String[]> bucketAndPath(String arn) {
        Matcher m = BUCKET_ARN.matcher(arn);
        return m.matches() ? Optional.of(new String[] {m.group(1) != null ? m.group(1) : m.group(2), m.group(3)}) : Optional.empty();
    }

    /** An IAM Action, Resource or condition value, one or a list, as text: a !Sub's string, ${X.Arn} for !GetAtt X.Arn. */
    private static List<String> arns(JsonNode node) {
        return items(node).stream().map(item -> item.has("Fn::Sub") ? item.get("Fn::Sub").asText()
                : item.has("Fn::GetAtt") ? "${" + item.get("Fn::GetAtt").asText() + "}"
                : item.has("Ref") ? "${" + item.get("Ref").asText() + "}" : item.asText()).toList();
    }

    /** A node that IAM and SAM allow as one item or a list of them, as a list. */
    private static List<JsonNode> items(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            items.add(node);
        }
        return items;
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
