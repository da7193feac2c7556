package com.leadimport.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadimport.domain.request.ImportRequests;
import com.leadimport.handlers.MarkImportEndedHandler;
import com.leadimport.handlers.PrepareImportHandler;
import com.leadimport.handlers.PurgeExpiredImportsHandler;
import com.leadimport.handlers.SplitFileHandler;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handlers fed the sample events under events/, as Lambda would feed them, against the emulators. */
class HandlerEventsTest {

    private static final String IMPORT_ID = "8f14e45f-ceea-4670-a4c8-2a5f2d6e1b7a";
    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalRuntime runtime;

    @BeforeEach
    void start() {
        runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private static JsonNode invoke(RequestStreamHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of("..", "events", event))), out,
                new LocalContext("test", System.currentTimeMillis() + 60_000));
        return JSON.readTree(out.toByteArray());
    }

    private void awaitingUpload(String fileName, String content) throws Exception {
        String key = "uploads/" + IMPORT_ID + "/" + fileName;
        runtime.stores().imports().create(ImportRecord.awaitingFile(IMPORT_ID,
                ImportRequests.parse(Files.readString(Path.of("samples", "request.json"))), runtime.tables().uploadBucket(), key,
                fileName, Instant.parse("2026-11-24T10:00:00Z"), "test", LocalDate.of(2026, 11, 24)));
        runtime.files().put(runtime.tables().uploadBucket(), key, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv");
    }

    @Test
    void prepareClaimsTheImportOfTheUploadedFileThenSplitChunksIt() throws Exception {
        awaitingUpload("leads.csv", Files.readString(Path.of("samples", "leads.csv")));

        JsonNode job = invoke(new PrepareImportHandler(runtime.workflow().prepareImport()), "PrepareImportFunction.json");
        JsonNode split = invoke(new SplitFileHandler(runtime.workflow().splitFile()), "SplitFileFunction.json");

        assertThat(job.get("importId").asText()).isEqualTo(IMPORT_ID);
        assertThat(job.get("skip").asBoolean()).isFalse();
        ImportRecord record = runtime.stores().imports().find(IMPORT_ID).orElseThrow();
        assertThat(record.status()).isEqualTo(ImportStatus.RUNNING);
        assertThat(record.executionId()).endsWith(":4f6c0c52");
        assertThat(split.get("totalRows").asLong()).isEqualTo(10);
        assertThat(split.get("chunkCount").asInt()).isEqualTo(1);
        assertThat(runtime.stores().catalog().listExists("Sample List")).isTrue();
    }

    @Test
    void markImportEndedRecordsARefusalWithTheLambdaErrorMessage() throws Exception {
        awaitingUpload("leads.xlsx", "not really a spreadsheet");

        JsonNode ended = invoke(new MarkImportEndedHandler(runtime.workflow().markImportEnded()), "MarkImportEndedFunction.json");
        JsonNode summary = ended.get("summary");
        assertThat(ended.get("done").asBoolean()).isTrue();

        assertThat(summary.get("status").asText()).isEqualTo("REFUSED");
        ImportRecord record = runtime.stores().imports().find(IMPORT_ID).orElseThrow();
        assertThat(record.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(record.error()).isEqualTo("The file must be a .csv file (got 'leads.xlsx')");
    }

    @Test
    void theWizardApiAnswersItsHttpApiEventAndAuditsTheCaller() throws Exception {
        JsonNode response = invoke(new com.leadimport.handlers.WizardApiHandler(runtime.wizardApi()), "WizardApiFunction.json");

        assertThat(response.get("statusCode").asInt()).isEqualTo(201);
        assertThat(JSON.readTree(response.get("body").asText()).get("name").asText()).isEqualTo("May Promo");
        assertThat(runtime.stores().catalog().lists()).contains("May Promo");
        var audit = runtime.wizardApi().handle(new com.leadimport.api.ApiRequest("/api/audit", "", java.util.Map.of(), null, false,
                new com.leadimport.api.ApiRequest.RequestContext(new com.leadimport.api.ApiRequest.Http("GET", "/api/audit"), null)));
        assertThat(JSON.readTree(audit.body()).get(0).get("who").asText()).isEqualTo("sam@example.com");
        assertThat(JSON.readTree(audit.body()).get(0).get("action").asText()).isEqualTo("list.create");
    }

    @Test
    void aBase64EncodedBodyIsDecoded() throws Exception {
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Path.of("..", "events", "WizardApiFunction.json").toFile());
        event.put("body", java.util.Base64.getEncoder().encodeToString("{\"name\": \"Été list\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new com.leadimport.handlers.WizardApiHandler(runtime.wizardApi()).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)),
                out, new LocalContext("test", System.currentTimeMillis() + 60_000));

        assertThat(JSON.readTree(out.toByteArray()).get("statusCode").asInt()).isEqualTo(201);
        assertThat(runtime.stores().catalog().lists()).contains("Été list");
    }

    @Test
    void thePurgeWithNoDateUsesTodayAndFinishes() throws Exception {
        JsonNode result = invoke(new PurgeExpiredImportsHandler(runtime.workflow().purgeExpiredImports()),
                "PurgeExpiredImportsFunction.json");

        assertThat(result.get("complete").asBoolean()).isTrue();
        assertThat(LocalDate.parse(result.get("date").asText())).isNotNull();
        assertThat(result.get("purged").toString()).isEqualTo("{\"imports\":0,\"leads\":0,\"callbacks\":0}");
    }

    @Test
    void aPurgeCallAddsToTheTotalsOfTheRunsEarlierCalls() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PurgeExpiredImportsHandler(runtime.workflow().purgeExpiredImports()).handleRequest(new ByteArrayInputStream(
                "{\"date\": null, \"purged\": {\"imports\": 2, \"leads\": 10, \"callbacks\": 1}}".getBytes(StandardCharsets.UTF_8)),
                out, new LocalContext("test", System.currentTimeMillis() + 60_000));

        assertThat(JSON.readTree(out.toByteArray()).get("purged").toString()).isEqualTo("{\"imports\":2,\"leads\":10,\"callbacks\":1}");
    }
}
