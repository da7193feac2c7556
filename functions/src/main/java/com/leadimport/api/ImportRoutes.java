package com.leadimport.api;

import static com.leadimport.api.JsonBodies.ok;
import static com.leadimport.api.JsonBodies.readJson;
import static com.leadimport.api.JsonBodies.required;
import static com.leadimport.api.JsonBodies.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.callinfo.CallInfoTemplate;
import com.leadimport.domain.csv.CsvRow;
import com.leadimport.domain.csv.LeadCsvReader;
import com.leadimport.domain.request.Delimiter;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.ImportRequests;
import com.leadimport.domain.request.Limits;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.AuditLog;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.DncStore;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import com.leadimport.ports.UploadUrls;
import com.leadimport.workflow.RequestChecks;
import com.leadimport.workflow.UploadKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An import, stage by stage, and afterwards in history. Files never pass through here: the
 * browser uploads to a staging key with a presigned URL, and Start import moves the file to
 * where the workflow picks it up.
 */
final class ImportRoutes {

    private static final Set<String> CSV_CONTENT_TYPES = Set.of("text/csv", "application/csv", "application/vnd.ms-excel");
    private static final Duration URL_LIFETIME = Duration.ofMinutes(15);
    private static final int PREVIEW_ROWS = 5;

    private final ImportStore imports;
    private final CatalogStore catalog;
    private final FileStore files;
    private final UploadUrls urls;
    private final AuditLog audit;
    private final RequestChecks checks;
    private final Clock clock;
    private final Supplier<String> ids;
    private final String uploadBucket;
    private final String workBucket;

    ImportRoutes(ImportStore imports, CatalogStore catalog, DncStore dnc, FileStore files, UploadUrls urls, AuditLog audit,
                 Clock clock, Supplier<String> ids, WizardApi.Options options) {
        this.imports = imports;
        this.catalog = catalog;
        this.files = files;
        this.urls = urls;
        this.audit = audit;
        this.checks = new RequestChecks(catalog, dnc);
        this.clock = clock;
        this.ids = ids;
        this.uploadBucket = options.uploadBucket();
        this.workBucket = options.workBucket();
    }

    ApiResponse create(JsonNode body, String caller) {
        String fileName = required(body, "file", "fileName", Limits.HEADER);
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".csv") || fileName.contains("/")) {
            throw new ApiException(400, "file.fileName", "only .csv files can be imported (got '" + fileName + "')");
        }
        long size = body.path("size").isIntegralNumber() ? body.path("size").asLong() : -1;
        if (size <= 0 || size > LeadCsvReader.MAX_BYTES) {
            throw new ApiException(400, "file.size", "the file's size in bytes, a whole number from 1 to 50 MB (got "
                    + body.path("size") + ")");
        }
        String contentType = body.path("contentType").asText("text/csv");
        if (!CSV_CONTENT_TYPES.contains(contentType)) {
            throw new ApiException(400, "file.contentType", "a CSV file is sent as text/csv (got '" + contentType + "')");
        }
        String importId = ids.get();
        imports.create(ImportRecord.awaitingFile(importId, null, uploadBucket, UploadKeys.upload(importId, fileName), fileName,
                clock.instant(), caller, LocalDate.now(clock)));
        audit.record(caller, "import.create", importId + " " + fileName);
        return ApiResponse.json(201, Map.of("importId", importId,
                "upload", Map.of("method", "PUT", "url", urls.upload(uploadBucket, staging(importId, fileName), contentType, size,
                        URL_LIFETIME).toString(), "headers", Map.of("Content-Type", contentType))));
    }

    /**
     * The file's headers and first rows, split at {@code delimiterName} (comma, semicolon, tab,
     * pipe) when given, else at the request's delimiter, else at the one detected.
     */
    ApiResponse preview(String importId, String delimiterName) {
        ImportRecord record = record(importId);
        Delimiter chosen = delimiterName == null || delimiterName.isEmpty() ? record.delimiter() : delimiter(delimiterName);
        List<List<String>> rows = new ArrayList<>();
        List<String> headers;
        String delimiter;
        String key = uploaded(record);
        try (InputStream in = files.open(uploadBucket, key);
             LeadCsvReader reader = LeadCsvReader.open(record.fileName(), files.size(uploadBucket, key), in, chosen)) {
            headers = reader.headers();
            delimiter = reader.delimiter().words();
            for (CsvRow row = reader.next(); row != null && rows.size() < PREVIEW_ROWS; row = reader.next()) {
                rows.add(row.cells());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ok(Map.of("headers", headers, "rows", rows, "delimiter", delimiter));
    }

    private static Delimiter delimiter(String name) {
        for (Delimiter delimiter : Delimiter.values()) {
            if (delimiter.words().equalsIgnoreCase(name.trim())) {
                return delimiter;
            }
        }
        throw new ApiException(400, "settings.delimiter", "comma, semicolon, tab or pipe (got '" + name + "')");
    }

    ApiResponse callInfoPreview(String importId, JsonNode body) {
        String template = body.path("template").asText("");
        JsonNode file = readJson(preview(importId, null).body());
        List<String> headers = strings(file.get("headers"));
        CallInfoTemplate compiled;
        try {
            compiled = CallInfoTemplate.compile(template, headers);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "callInfo.template", e.getMessage());
        }
        List<String> rendered = new ArrayList<>();
        for (JsonNode row : file.get("rows")) {
            rendered.add(compiled.render(strings(row)));
        }
        return ok(Map.of("previews", rendered));
    }

    ApiResponse saveRequest(String importId, String body, String caller) {
        ImportRecord record = awaiting(importId);
        ImportRequest request = ImportRequests.parse(body);
        Delimiter delimiter = request == null || request.settings() == null ? null : request.settings().delimiter();
        RequestChecks.Checked checked = checks.check(request, headersOf(record, delimiter), LocalDate.now(clock));
        imports.saveRequest(importId, checked.request());
        audit.record(caller, "import.request.save", importId);
        return ok(Map.of("importId", importId, "request", checked.request()));
    }

    ApiResponse start(String importId, String caller) {
        ImportRecord record = awaiting(importId);
        if (record.request() == null) {
            throw new ApiException(409, "save the import's settings and mapping before starting it");
        }
        RequestChecks.Checked checked = checks.check(record.request(), headersOf(record, record.delimiter()), LocalDate.now(clock));
        checked.tableToSave().ifPresent(catalog::saveContactTable);
        files.copy(uploadBucket, staging(importId, record.fileName()), record.fileKey());
        audit.record(caller, "import.start", importId);
        return ApiResponse.json(202, Map.of("importId", importId, "status", "STARTING"));
    }

    ApiResponse history() {
        return ok(imports.history(200).stream().filter(ImportView::inHistory).map(ImportView::of).toList());
    }

    ApiResponse view(String importId) {
        return ok(ImportView.of(record(importId)));
    }

    ApiResponse rejectedRows(String importId) {
        ImportRecord record = record(importId);
        if (record.rejectedRowsKey() == null) {
            throw new ApiException(404, "this import has no rejected rows" + (record.status().finished() ? "" : " yet"));
        }
        String name = record.fileName().replaceFirst("(?i)\\.csv$", "") + "-rejected.csv";
        return ok(Map.of("url", urls.download(workBucket, record.rejectedRowsKey(), name, URL_LIFETIME).toString()));
    }

    /** The staged upload's key; 409 while the browser has not uploaded it. */
    private String uploaded(ImportRecord record) {
        String key = staging(record.importId(), record.fileName());
        if (!files.exists(uploadBucket, key)) {
            throw new ApiException(409, "file", "the file has not been uploaded yet");
        }
        return key;
    }

    private List<String> headersOf(ImportRecord record, Delimiter delimiter) {
        String key = uploaded(record);
        try (InputStream in = files.open(uploadBucket, key);
             LeadCsvReader reader = LeadCsvReader.open(record.fileName(), files.size(uploadBucket, key), in, delimiter)) {
            return reader.headers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportRecord record(String importId) {
        return imports.find(importId).orElseThrow(() -> new ApiException(404, "there is no import " + importId));
    }

    private ImportRecord awaiting(String importId) {
        ImportRecord record = record(importId);
        if (record.status() != ImportStatus.AWAITING_FILE) {
            throw new ApiException(409, "import " + importId + " has started already (" + record.status() + ")");
        }
        return record;
    }

    private static String staging(String importId, String fileName) {
        return "staging/" + importId + "/" + fileName;
    }
}
