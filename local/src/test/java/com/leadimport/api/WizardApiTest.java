package com.leadimport.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.ImportRequests;
import com.leadimport.domain.request.Problem;
import com.leadimport.domain.row.Reason;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportResult;
import com.leadimport.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wizard API on the local runtime, walked as the console walks it: real presigned upload, real workflow. */
class WizardApiTest {

    private LocalRuntime runtime;

    @BeforeEach
    void start() {
        runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private static ApiRequest request(String method, String path, String body, String caller) {
        ApiRequest.Authorizer authorizer = caller == null ? null
                : new ApiRequest.Authorizer(new ApiRequest.Jwt(Map.of("email", caller, "sub", "abc")));
        return new ApiRequest(path, "", Map.of(), body, false,
                new ApiRequest.RequestContext(new ApiRequest.Http(method, path), authorizer));
    }

    private JsonNode call(int expectedStatus, String method, String path, String body) throws Exception {
        ApiResponse response = runtime.wizardApi().handle(request(method, path, body, "sam@example.com"));
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void aWholeImportThroughTheApi() throws Exception {
        call(201, "POST", "/api/lists", "{\"name\": \"Sample List\"}");
        byte[] file = Files.readAllBytes(Path.of("samples", "leads.csv"));

        JsonNode created = call(201, "POST", "/api/imports",
                "{\"fileName\": \"leads.csv\", \"size\": " + file.length + ", \"contentType\": \"text/csv\"}");
        String importId = created.get("importId").asText();
        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(created.at("/upload/url").asText()))
                .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);

        JsonNode preview = call(200, "GET", "/api/imports/" + importId + "/preview", null);
        assertThat(preview.get("headers").get(1).asText()).isEqualTo("First Name");
        assertThat(preview.get("rows")).hasSize(5);
        JsonNode callInfo = call(200, "POST", "/api/imports/" + importId + "/call-info-preview",
                "{\"template\": \"Name: {First Name} ({Tariff})\"}");
        assertThat(callInfo.get("previews").get(0).asText()).isEqualTo("Name: Ann (Gold)");
        JsonNode unknownPlaceholder = call(400, "POST", "/api/imports/" + importId + "/call-info-preview", "{\"template\": \"{Nope}\"}");
        assertThat(firstField(unknownPlaceholder)).isEqualTo("callInfo.template");
        assertThat(firstError(unknownPlaceholder)).isEqualTo("Call Info - Preview call info: {Nope} is not a header of the file");

        String request = Files.readString(Path.of("samples", "request.json"));
        JsonNode refused = call(400, "PUT", "/api/imports/" + importId + "/request",
                request.replace("\"scope\": \"LISTS\"", "\"scope\": \"GLOBAL\""));
        assertThat(refused.get("errors").get(0)).as("placed by path, stage and label, worded for a person").isEqualTo(Json.MAPPER.readTree("""
                {"field": "settings.dedupe.scope", "stage": "Settings", "label": "Scope",
                 "message": "Global (entire database) cannot be combined with the destination list or additional lists"}"""));
        assertThat(firstError(refused)).isEqualTo(
                "Settings - Scope: Global (entire database) cannot be combined with the destination list or additional lists");
        call(409, "POST", "/api/imports/" + importId + "/start", null);
        call(200, "PUT", "/api/imports/" + importId + "/request", request);
        call(202, "POST", "/api/imports/" + importId + "/start", null);
        assertThat(call(200, "GET", "/api/imports", null).findValuesAsText("importId")).contains(importId);

        JsonNode done = finished(importId);
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("imported").asLong()).isEqualTo(5);
        assertThat(done.get("progress").get("chunksWritten").asInt()).isEqualTo(done.get("progress").get("chunksTotal").asInt());
        call(409, "POST", "/api/imports/" + importId + "/start", null);

        String rejectedUrl = call(200, "GET", "/api/imports/" + importId + "/rejected", null).get("url").asText();
        HttpResponse<String> rejected = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rejectedUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rejected.body()).contains("INVALID_EMAIL").contains("NO_CONTACT");

        JsonNode report = call(200, "GET", "/api/reports/suppliers", null);
        assertThat(report.get(0).get("supplier").asText()).isEqualTo("Acme Data");
        assertThat(report.get(0).get("imported").asLong()).isEqualTo(5);
        assertThat(report.get(0).get("cost").decimalValue()).isEqualByComparingTo("0.60");
        assertThat(call(200, "GET", "/api/settings-profiles", null).get(0).get("name").asText()).isEqualTo("UK weekly");
        assertThat(call(200, "GET", "/api/audit", null).findValuesAsText("action"))
                .contains("list.create", "import.create", "import.request.save", "import.start");
        assertThat(call(200, "GET", "/api/audit", null).findValuesAsText("who")).containsOnly("sam@example.com");
    }

    @Test
    void theSupplierSummaryCountsEveryImportNotJustTheFirstPageOfHistory() throws Exception {
        // GIVEN 600 completed imports of ~3 KB each: about 1.8 MB of history, where one DynamoDB query page holds 1 MB
        ImportRequest request = ImportRequests.parse(Files.readString(Path.of("samples", "request.json"))
                .replace("Sample data shipped with the repository", "n".repeat(3_000)).replace("Acme Data", "Paged Co"));
        for (int i = 0; i < 600; i++) {
            String id = "paged-" + i;
            runtime.stores().imports().create(ImportRecord.awaitingFile(id, request, "upload", "uploads/" + id + "/f.csv", "f.csv",
                    java.time.Instant.parse("2026-05-01T10:00:00Z").plusSeconds(i), "test", java.time.LocalDate.of(2026, 5, 1)));
            runtime.stores().imports().completed(id, new ImportResult(3, 2, 1, Map.of(Reason.DNC, 1L), 0, null));
        }

        // WHEN
        JsonNode report = call(200, "GET", "/api/reports/suppliers", null);

        // THEN
        assertThat(report.size()).isEqualTo(1);
        JsonNode row = report.get(0);
        assertThat(row.get("supplier").asText()).isEqualTo("Paged Co");
        assertThat(row.get("imports").asLong()).isEqualTo(600);
        assertThat(row.get("imported").asLong()).isEqualTo(1_200);
        assertThat(row.get("cost").decimalValue()).isEqualByComparingTo("144.00");
        assertThat(row.get("rejectedReasons").get(0).get("words").asText()).as("reasons in words for a person")
                .isEqualTo(Reason.DNC.words());
        assertThat(row.get("rejectedReasons").get(0).get("rows").asLong()).isEqualTo(600);
        assertThat(runtime.stores().imports().history(550)).as("a limit past one page is still met").hasSize(550)
                .extracting(ImportRecord::importId).startsWith("paged-599", "paged-598");
    }

    /** Start answers at once; the import runs after, as on AWS: its record is followed until it ends. */
    private JsonNode finished(String importId) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode record = call(200, "GET", "/api/imports/" + importId, null);
            String status = record.get("status").asText();
            if (!status.equals("RUNNING") && !status.equals("AWAITING_FILE")) {
                return record;
            }
            assertThat(System.nanoTime()).as("the import ends within a minute").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** An answer's first error as a person reads it: "Stage - Label: message" (Problem.text). */
    private static String firstError(JsonNode answer) {
        return Json.MAPPER.convertValue(answer.get("errors").get(0), Problem.class).text();
    }

    private static String firstField(JsonNode answer) {
        return answer.get("errors").get(0).get("field").asText();
    }

    @Test
    void badBodiesAreRefusedNamingTheField() throws Exception {
        assertThat(firstField(call(400, "POST", "/api/imports", "{\"fileName\": \"leads.xlsx\", \"size\": 10}")))
                .isEqualTo("file.fileName");
        assertThat(firstError(call(400, "POST", "/api/imports", "{\"fileName\": \"a.csv\", \"size\": 52428801}")))
                .startsWith("Details - File: the file's size in bytes, a whole number from 1 to 50 MB");
        assertThat(firstField(call(400, "POST", "/api/imports", "{\"fileName\": \"a.csv\", \"size\": 10, \"contentType\": \"image/png\"}")))
                .isEqualTo("file.contentType");
        assertThat(firstError(call(400, "POST", "/api/lists", "{}"))).isEqualTo("Details - List name: required");
        call(201, "POST", "/api/lists", "{\"name\": \"May\"}");
        call(409, "POST", "/api/lists", "{\"name\": \"May\"}");
        call(201, "POST", "/api/lists/clone", "{\"from\": \"May\", \"name\": \"June\"}");
        assertThat(call(200, "GET", "/api/lists", null).toString()).contains("May", "June");
        JsonNode badType = call(400, "POST", "/api/contact-tables",
                "{\"name\": \"Contracts\", \"fields\": [{\"name\": \"End\", \"type\": \"DAY\"}]}");
        assertThat(firstField(badType)).isEqualTo("table.fields[0].type");
        assertThat(firstError(badType)).startsWith("Secondary Mapping - Data type: choose one of Text input, Whole number,");
        call(200, "POST", "/api/contact-tables", "{\"name\": \"Contracts\", \"fields\": [{\"name\": \"End\", \"type\": \"DATE\", "
                + "\"description\": \"contract end\", \"default\": \"\"}]}");
        assertThat(call(400, "POST", "/api/contact-tables", "{\"name\": \"Contracts\", \"fields\": {\"a\": 1}}")
                .get("errors").get(0).get("message").asText()).startsWith("must be an array");
        assertThat(call(400, "POST", "/api/contact-tables", "{\"name\": \"Contracts\", \"fields\": [1]}")
                .get("errors").get(0).get("field").asText()).isEqualTo("table.fields[0]");
        assertThat(firstError(call(400, "POST", "/api/contact-tables", "{\"name\": \"Contracts\", \"fields\": [{\"name\": \"Seats\", "
                + "\"type\": \"WHOLE_NUMBER\", \"default\": \"abc\"}]}")))
                .isEqualTo("Secondary Mapping - Default value: 'abc' is not a whole number");
        assertThat(firstField(call(400, "POST", "/api/imports", "{\"fileName\": \"a.csv\", \"size\": 10.7}"))).isEqualTo("file.size");
        String importId = call(201, "POST", "/api/imports", "{\"fileName\": \"a.csv\", \"size\": 10}").get("importId").asText();
        assertThat(firstError(call(409, "GET", "/api/imports/" + importId + "/preview", null)))
                .isEqualTo("Details - File: the file has not been uploaded yet");
        assertThat(call(200, "GET", "/api/imports", null).findValuesAsText("importId"))
                .as("a wizard that never reached Start is not history").doesNotContain(importId);
        call(409, "POST", "/api/imports/" + importId + "/call-info-preview", "{\"template\": \"x\"}");
        call(404, "GET", "/api/imports/nope", null);
        call(404, "GET", "/api/nothing", null);
        assertThat(call(200, "GET", "/api/audit", null).findValuesAsText("action")).as("every change is audited")
                .contains("list.create", "list.clone", "contact-table.save", "import.create");
    }

    @Test
    void namesAndBodiesWithinTheServicesLimits() throws Exception {
        assertThat(firstError(call(400, "POST", "/api/lists", "null"))).isEqualTo("the body must be a JSON object, not null");
        assertThat(firstError(call(400, "POST", "/api/lists", "[\"May\"]"))).startsWith("the body must be a JSON object, not");
        assertThat(firstError(call(400, "POST", "/api/lists", "{\"name\": \"" + "L".repeat(1_000_000) + "\"}")))
                .isEqualTo("Details - List name: is 1,000,000 characters long; at most 128 are allowed");
        assertThat(firstError(call(400, "POST", "/api/lists", "{\"name\": \"A\\u001fB\"}")))
                .startsWith("Details - List name: contains a control character (U+001F) at character 2");
        assertThat(firstError(call(400, "POST", "/api/dnc/categories", "{\"name\": \"Tab\\tbed\"}")))
                .startsWith("Settings - DNC category: contains a control character (U+0009)");
        assertThat(firstError(call(400, "POST", "/api/contact-tables", "{\"name\": \"Contracts\", \"fields\": [{\"name\": \""
                + "F".repeat(200) + "\", \"type\": \"TEXT\"}]}")))
                .isEqualTo("Secondary Mapping - Field name: is 200 characters long; at most 128 are allowed");
        assertThat(call(200, "GET", "/api/lists", null).toString()).doesNotContain("LLLL", "A\\u001fB");
    }

    @Test
    void anImportIsDatedByThePurgeZonesDayNotUtcs() throws Exception {
        java.time.Clock lateEvening = java.time.Clock.fixed(java.time.Instant.parse("2026-07-01T23:30:00Z"), java.time.ZoneOffset.UTC);
        try (LocalRuntime london = LocalRuntime.start(LocalRuntime.Settings.defaults(null).withClock(lateEvening))) {
            ApiResponse created = london.wizardApi().handle(request("POST", "/api/imports", "{\"fileName\": \"a.csv\", \"size\": 10}",
                    "sam@example.com"));

            String importId = Json.MAPPER.readTree(created.body()).get("importId").asText();
            assertThat(london.stores().imports().find(importId).orElseThrow().importDate())
                    .as("00:30 on 2 July in London (BST)").isEqualTo(java.time.LocalDate.of(2026, 7, 2));
        }
    }

    @Test
    void aFaultOfTheServerIsA500InTheErrorsShape() throws Exception {
        WizardApi withoutUploadUrls = new WizardApi(runtime.stores().imports(), runtime.stores().catalog(), runtime.stores().dnc(),
                runtime.files(), null, null, java.time.Clock.systemUTC(), () -> "x",
                new WizardApi.Options("u", "w", false, false));

        ApiResponse response = withoutUploadUrls.handle(request("POST", "/api/imports", "{\"fileName\": \"a.csv\", \"size\": 10}", null));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(firstError(Json.MAPPER.readTree(response.body())))
                .as("no stack trace for the person: the log has it, under the ref the message quotes")
                .matches("the server failed to handle POST /api/imports; it has been logged \\(ref [0-9a-f-]+\\)");
    }

    @Test
    void myDefaultIsEachSupervisorsOwnAndTheLastOneTicked() throws Exception {
        call(201, "POST", "/api/lists", "{\"name\": \"Sample List\"}");
        byte[] file = Files.readAllBytes(Path.of("samples", "leads.csv"));
        runtime.importFile("a.csv", file, requestWithSettings("Weekly", true), "sam@example.com");
        runtime.importFile("b.csv", file, requestWithSettings("Monthly", true), "sam@example.com");
        runtime.importFile("c.csv", file, requestWithSettings("Kim's", true), "kim@example.com");

        JsonNode sams = call(200, "GET", "/api/settings-profiles", null);
        assertThat(sams.get(0).get("name").asText()).isEqualTo("Monthly");
        assertThat(sams.findValues("myDefault")).extracting(JsonNode::asBoolean).containsOnlyOnce(true);

        runtime.importFile("d.csv", file, requestWithSettings("Monthly", false), "sam@example.com");
        assertThat(call(200, "GET", "/api/settings-profiles", null).findValues("myDefault")).extracting(JsonNode::asBoolean)
                .as("unticking my default on the default leaves sam without one").containsOnly(false);
        assertThat(runtime.stores().catalog().myDefaultSettingsProfile("kim@example.com")).contains("Kim's");
        assertThat(call(200, "GET", "/api/mapping-profiles", null).findValuesAsText("name")).contains("Acme layout");
    }

    /** The sample request, not ad hoc, with its settings named and "my default" as given. */
    private static com.leadimport.domain.request.ImportRequest requestWithSettings(String name, boolean myDefault) throws Exception {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(Path.of("samples", "request.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("details")).put("adHoc", false);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("settings")).put("name", name).put("myDefault", myDefault);
        return com.leadimport.domain.request.ImportRequests.parse(json.toString());
    }

    @Test
    void dncCategoriesAndNumbers() throws Exception {
        call(201, "POST", "/api/dnc/categories", "{\"name\": \"Winback\"}");
        JsonNode added = call(200, "POST", "/api/dnc/numbers", "{\"category\": \"Winback\", \"numbers\": [\"07412 345001\", \"hello\"]}");

        assertThat(added.get("added").asInt()).isEqualTo(1);
        assertThat(added.get("unreadable").get(0).get("value").asText()).isEqualTo("hello");
        assertThat(call(200, "GET", "/api/dnc/categories", null).toString()).contains("IVR", "Winback");
        JsonNode tps = call(200, "POST", "/api/dnc/numbers",
                "{\"category\": \"Requested\", \"file\": \"07412 345002\\r\\n+44 7412 345003\\n\\nnot a number\\n\"}");
        assertThat(tps.get("added").asInt()).isEqualTo(2);
        assertThat(tps.get("unreadable").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(runtime.stores().dnc().listed(java.util.List.of("Requested"), java.util.List.of("+447412345002", "+447412345003")))
                .hasSize(2);
        assertThat(call(404, "POST", "/api/dnc/numbers", "{\"category\": \"Nope\", \"numbers\": [\"07412 345001\"]}")
                .get("errors").get(0).get("message").asText())
                .isEqualTo("there is no DNC category 'Nope'; the categories are IVR, Imported, Requested, Winback (create it first)");
        assertThat(firstError(call(409, "POST", "/api/dnc/categories", "{\"name\": \"WINBACK\"}")))
                .isEqualTo("Settings - DNC category: the DNC category 'Winback' exists already");
        assertThat(call(200, "POST", "/api/dnc/numbers", "{\"category\": \"winback\", \"numbers\": [\"07412 345009\"]}")
                .get("category").asText()).as("names ignore case").isEqualTo("Winback");
        JsonNode audit = call(200, "GET", "/api/audit", null);
        assertThat(audit.findValuesAsText("action")).contains("dnc.category.create", "dnc.numbers.add");
        assertThat(audit.findValuesAsText("detail")).contains("Requested: 2 numbers");
    }

    @Test
    void withoutAVerifiedCallerTheApiAnswers401WhenSignInIsRequired() {
        WizardApi locked = new WizardApi(runtime.stores().imports(), runtime.stores().catalog(), runtime.stores().dnc(),
                runtime.files(), null, null, java.time.Clock.systemUTC(), () -> "x", new WizardApi.Options("u", "w", true, false));

        ApiResponse response = locked.handle(request("GET", "/api/lists", null, null));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(locked.handle(request("OPTIONS", "/api/lists", null, null)).statusCode())
                .as("a CORS preflight carries no token").isEqualTo(204);
    }
}
