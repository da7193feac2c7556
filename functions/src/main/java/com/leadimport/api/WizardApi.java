package com.leadimport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.callinfo.CallInfoTemplate;
import com.leadimport.domain.csv.CsvRow;
import com.leadimport.domain.csv.FileRefusedException;
import com.leadimport.domain.csv.LeadCsvReader;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.phone.DncNumbers;
import com.leadimport.domain.request.Delimiter;
import com.leadimport.domain.request.FieldLabels;
import com.leadimport.domain.request.FieldType;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.ImportRequests;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.request.Limits;
import com.leadimport.domain.request.Problem;
import com.leadimport.domain.request.RequestRefusedException;
import com.leadimport.domain.request.Settings;
import com.leadimport.domain.row.Reason;
import com.leadimport.domain.secondary.SecondaryValueParser;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.logging.Log;
import com.leadimport.ports.AuditLog;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.ContactTable;
import com.leadimport.ports.DncStore;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import com.leadimport.ports.UploadUrls;
import com.leadimport.workflow.RequestChecks;
import com.leadimport.workflow.UploadKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Everything the wizard's five stages, the Summary, import history and the Supplier Summary
 * report need, as JSON over HTTP. Every body is checked with a 400 naming the field; every
 * change is audited with the caller. Files never pass through here: the browser uploads to
 * a staging key with a presigned URL, and Start import moves the file to where the workflow
 * picks it up.
 */
public final class WizardApi {

    static final Set<String> CSV_CONTENT_TYPES = Set.of("text/csv", "application/csv", "application/vnd.ms-excel");
    private static final Duration URL_LIFETIME = Duration.ofMinutes(15);
    private static final int PREVIEW_ROWS = 5;

    private final ImportStore imports;
    private final CatalogStore catalog;
    private final DncStore dnc;
    private final FileStore files;
    private final UploadUrls urls;
    private final AuditLog audit;
    private final RequestChecks checks;
    private final Clock clock;
    private final Supplier<String> ids;
    private final String uploadBucket;
    private final String workBucket;
    private final Options options;
    private final Map<String, Route> routes = routes();

    /**
     * How this API is set up.
     *
     * @param requireCaller     refuse requests without a verified caller (on AWS, where a JWT authorizer sets it)
     * @param skillBasedRouting the system has Outbound Skill-Based Routing (the guide shows Default Skill Group only then)
     */
    public record Options(String uploadBucket, String workBucket, boolean requireCaller, boolean skillBasedRouting) {
    }

    public WizardApi(ImportStore imports, CatalogStore catalog, DncStore dnc, FileStore files, UploadUrls urls, AuditLog audit,
                     Clock clock, Supplier<String> ids, Options options) {
        // clock: in the purge zone, whose day dates an import (an expiry "in N days" counts from it)
        this.imports = imports;
        this.catalog = catalog;
        this.dnc = dnc;
        this.files = files;
        this.urls = urls;
        this.audit = audit;
        this.checks = new RequestChecks(catalog, dnc);
        this.clock = clock;
        this.ids = ids;
        this.uploadBucket = options.uploadBucket();
        this.workBucket = options.workBucket();
        this.options = options;
    }

    public ApiResponse handle(ApiRequest request) {
        if ("OPTIONS".equalsIgnoreCase(request.method())) {
            return new ApiResponse(204, Map.of(), ""); // a CORS preflight: API Gateway adds the CORS headers
        }
        try {
            String caller = request.caller();
            if (caller == null) {
                if (options.requireCaller()) {
                    throw new ApiException(401, "sign in first: the request has no valid token");
                }
                caller = "local";
            }
            return route(request, caller);
        } catch (ApiException e) {
            return ApiResponse.json(e.status(), Map.of("errors", e.problems()));
        } catch (RequestRefusedException e) {
            return ApiResponse.json(400, Map.of("errors", e.problems()));
        } catch (FileRefusedException e) {
            return ApiResponse.json(400, Map.of("errors", List.of(Problem.of("file", e.getMessage()))));
        } catch (RuntimeException e) {
            // a fault of ours or of a store: its stack goes to the log once, under the id the answer quotes
            String ref = Log.fault("api.failed", e);
            return ApiResponse.json(500, Map.of("errors", List.of(Problem.general("the server failed to handle "
                    + request.method() + " " + request.rawPath() + "; it has been logged (ref " + ref + ")"))));
        }
    }

    /** One route's work: the request, the caller, and the path's segments after /api/. */
    private interface Route {
        ApiResponse handle(ApiRequest request, String caller, String[] path);
    }

    /** Every route, by method and path shape ({@code *} an import id); the OpenAPI file lists the same. */
    private Map<String, Route> routes() {
        Map<String, Route> routes = new LinkedHashMap<>();
        routes.put("GET system", (r, c, p) -> ok(Map.of("skillBasedRouting", options.skillBasedRouting())));
        routes.put("GET labels", (r, c, p) -> ok(labels()));
        routes.put("GET lists", (r, c, p) -> ok(catalog.lists()));
        routes.put("POST lists", (r, c, p) -> createList(body(r), c));
        routes.put("POST lists/clone", (r, c, p) -> cloneList(body(r), c));
        routes.put("GET suppliers", (r, c, p) -> ok(catalog.suppliers()));
        routes.put("GET settings-profiles", (r, c, p) -> ok(settingsProfiles(c)));
        routes.put("GET mapping-profiles", (r, c, p) -> ok(catalog.mappingProfiles()));
        routes.put("GET secondary-mappings", (r, c, p) -> ok(catalog.secondaryMappings()));
        routes.put("GET skill-groups", (r, c, p) -> ok(catalog.skillGroups()));
        routes.put("POST skill-groups", (r, c, p) -> createSkillGroup(body(r), c));
        routes.put("GET dnc/categories", (r, c, p) -> ok(dnc.categories()));
        routes.put("POST dnc/categories", (r, c, p) -> createCategory(body(r), c));
        routes.put("POST dnc/numbers", (r, c, p) -> addNumbers(body(r), c));
        routes.put("GET contact-tables", (r, c, p) -> ok(catalog.contactTables()));
        routes.put("POST contact-tables", (r, c, p) -> saveContactTable(body(r), c));
        routes.put("POST imports", (r, c, p) -> createImport(body(r), c));
        routes.put("GET imports", (r, c, p) -> ok(imports.history(200).stream().filter(WizardApi::inHistory)
                .map(WizardApi::history).toList()));
        routes.put("GET imports/*", (r, c, p) -> ok(history(record(p[1]))));
        routes.put("GET imports/*/preview", (r, c, p) -> preview(p[1], r.query("delimiter")));
        routes.put("POST imports/*/call-info-preview", (r, c, p) -> callInfoPreview(p[1], body(r)));
        routes.put("PUT imports/*/request", (r, c, p) -> saveRequest(p[1], r.bodyText(), c));
        routes.put("POST imports/*/start", (r, c, p) -> start(p[1], c));
        routes.put("GET imports/*/rejected", (r, c, p) -> rejected(p[1]));
        routes.put("GET reports/suppliers", (r, c, p) -> ok(supplierSummary()));
        routes.put("GET audit", (r, c, p) -> ok(audit.recent(200)));
        return routes;
    }

    /** The routes this API answers, as "METHOD path/shape" with {@code *} for an import id. */
    public Set<String> routeShapes() {
        return routes.keySet();
    }

    private ApiResponse route(ApiRequest request, String caller) {
        String method = request.method().toUpperCase(Locale.ROOT);
        String path = request.rawPath() == null ? "" : request.rawPath();
        if (!path.startsWith("/api/")) {
            throw new ApiException(404, "no such API path: " + path);
        }
        String[] p = path.substring("/api/".length()).split("/");
        Route route = routes.get(method + " " + String.join("/", shape(p)));
        if (route == null) {
            throw new ApiException(404, "no such API route: " + method + " " + path);
        }
        return route.handle(request, caller, p);
    }

    /** Path segments with import ids replaced by {@code *}, for matching. */
    private static List<String> shape(String[] parts) {
        List<String> shape = new ArrayList<>(List.of(parts));
        if (shape.size() >= 2 && shape.get(0).equals("imports")) {
            shape.set(1, "*");
        }
        return shape;
    }

    /** The stage names and field labels the API's messages use, for the console to use the same (one source). */
    private static Map<String, Object> labels() {
        return Map.of("stages", FieldLabels.STAGES, "fields", FieldLabels.FIELDS, "leadFields",
                java.util.Arrays.stream(LeadField.values()).map(f -> Map.of("name", f.jsonName(), "label", f.label())).toList());
    }

    // ---------- lists, suppliers, DNC, contact data tables ----------

    private ApiResponse createList(JsonNode body, String caller) {
        String name = name(body, "list", "name");
        if (!catalog.createList(name)) {
            throw new ApiException(409, "list.name", "a list called '" + name + "' exists already");
        }
        audit.record(caller, "list.create", name);
        return ApiResponse.json(201, Map.of("name", name));
    }

    private ApiResponse cloneList(JsonNode body, String caller) {
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

    private ApiResponse createSkillGroup(JsonNode body, String caller) {
        String name = name(body, "skillGroup", "name");
        if (catalog.skillGroups().stream().anyMatch(name::equalsIgnoreCase) || !catalog.createSkillGroup(name)) {
            throw new ApiException(409, "skillGroup.name", "a skill group called '" + name + "' exists already");
        }
        audit.record(caller, "skill-group.create", name);
        return ApiResponse.json(201, Map.of("name", name));
    }

    private ApiResponse createCategory(JsonNode body, String caller) {
        String name = name(body, "dnc", "name");
        Optional<String> existing = dnc.category(name);
        if (existing.isPresent()) {
            throw new ApiException(409, "dnc.name", "the DNC category '" + existing.get() + "' exists already");
        }
        dnc.createCategory(name);
        audit.record(caller, "dnc.category.create", name);
        return ApiResponse.json(201, Map.of("name", name));
    }

    private ApiResponse addNumbers(JsonNode body, String caller) {
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

    private ApiResponse saveContactTable(JsonNode body, String caller) {
        String name = name(body, "table", "name");
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
                        java.util.Arrays.stream(FieldType.values()).map(FieldType::words).toList())));
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

    /** Saved settings, the caller's default first and the only one marked "my default". */
    private List<Settings> settingsProfiles(String caller) {
        Optional<String> myDefault = catalog.myDefaultSettingsProfile(caller);
        return catalog.settingsProfiles().stream()
                .map(s -> s.withMyDefault(myDefault.filter(s.name()::equals).isPresent()))
                .sorted((a, b) -> Boolean.compare(b.myDefault(), a.myDefault()))
                .toList();
    }

    // ---------- an import, stage by stage ----------

    private ApiResponse createImport(JsonNode body, String caller) {
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
    private ApiResponse preview(String importId, String delimiterName) {
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

    private ApiResponse callInfoPreview(String importId, JsonNode body) {
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

    private ApiResponse saveRequest(String importId, String body, String caller) {
        ImportRecord record = awaiting(importId);
        ImportRequest request = ImportRequests.parse(body);
        Delimiter delimiter = request == null || request.settings() == null ? null : request.settings().delimiter();
        RequestChecks.Checked checked = checks.check(request, headersOf(record, delimiter), LocalDate.now(clock));
        imports.saveRequest(importId, checked.request());
        audit.record(caller, "import.request.save", importId);
        return ok(Map.of("importId", importId, "request", checked.request()));
    }

    private ApiResponse start(String importId, String caller) {
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

    private ApiResponse rejected(String importId) {
        ImportRecord record = record(importId);
        if (record.rejectedRowsKey() == null) {
            throw new ApiException(404, "this import has no rejected rows" + (record.status().finished() ? "" : " yet"));
        }
        String name = record.fileName().replaceFirst("(?i)\\.csv$", "") + "-rejected.csv";
        return ok(Map.of("url", urls.download(workBucket, record.rejectedRowsKey(), name, URL_LIFETIME).toString()));
    }

    /** Rejection counts with each reason in words, for a person: [{reason, words, rows}]. */
    private static List<Map<String, Object>> inWords(Map<Reason, Long> byReason) {
        return byReason.entrySet().stream().<Map<String, Object>>map(reason -> Map.of("reason", reason.getKey(),
                "words", reason.getKey().words(), "rows", reason.getValue())).toList();
    }

    /** Per supplier: imports, rows, imported, rejected by reason (codes, and in words), cost = cost per lead x imported. */
    private List<Map<String, Object>> supplierSummary() {
        Map<String, Map<String, Object>> bySupplier = new TreeMap<>();
        imports.forEachInHistory(record -> {
            if (record.request() == null || record.status() != ImportStatus.COMPLETED) {
                return;
            }
            String supplier = record.request().details().supplier();
            Map<String, Object> row = bySupplier.computeIfAbsent(supplier, s -> {
                Map<String, Object> fresh = new LinkedHashMap<>();
                fresh.put("supplier", s);
                fresh.put("imports", 0L);
                fresh.put("rows", 0L);
                fresh.put("imported", 0L);
                fresh.put("rejectedByReason", new TreeMap<String, Long>());
                fresh.put("cost", BigDecimal.ZERO);
                return fresh;
            });
            row.merge("imports", 1L, (a, b) -> (Long) a + (Long) b);
            row.merge("rows", record.totalRows(), (a, b) -> (Long) a + (Long) b);
            row.merge("imported", record.imported(), (a, b) -> (Long) a + (Long) b);
            @SuppressWarnings("unchecked")
            Map<String, Long> reasons = (Map<String, Long>) row.get("rejectedByReason");
            record.rejectedByReason().forEach((reason, count) -> reasons.merge(reason.name(), count, Long::sum));
            BigDecimal costPerLead = record.request().details().costPerLead();
            if (costPerLead != null) {
                row.put("cost", ((BigDecimal) row.get("cost")).add(costPerLead.multiply(BigDecimal.valueOf(record.imported()))));
            }
        });
        bySupplier.values().forEach(row -> {
            @SuppressWarnings("unchecked")
            Map<String, Long> reasons = (Map<String, Long>) row.get("rejectedByReason");
            Map<Reason, Long> byReason = new java.util.EnumMap<>(Reason.class);
            reasons.forEach((code, rows) -> byReason.put(Reason.valueOf(code), rows));
            row.put("rejectedReasons", inWords(byReason));
        });
        return new ArrayList<>(bySupplier.values());
    }

    // ---------- helpers ----------

    /**
     * History leaves out wizards that never reached Start: an import awaiting its file with no
     * request saved (the console saves it on Start). One started but not yet picked up stays.
     */
    private static boolean inHistory(ImportRecord record) {
        return record.status() != ImportStatus.AWAITING_FILE || record.request() != null;
    }

    private static Map<String, Object> history(ImportRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("importId", record.importId());
        view.put("status", record.status());
        view.put("fileName", record.fileName());
        view.put("list", record.list());
        view.put("supplier", record.request() == null ? null : record.request().details().supplier());
        view.put("createdAt", record.createdAt());
        view.put("createdBy", record.createdBy());
        view.put("progress", Map.of("chunksTotal", record.chunksTotal() == null ? 0 : record.chunksTotal(),
                "chunksScreened", record.chunksScreened(), "chunksWritten", record.chunksWritten()));
        view.put("totalRows", record.totalRows());
        view.put("blankRows", record.blankRows());
        view.put("imported", record.imported());
        view.put("rejected", record.rejected());
        view.put("rejectedByReason", record.rejectedByReason());
        view.put("rejectedReasons", inWords(record.rejectedByReason()));
        view.put("replacedExisting", record.replacedExisting());
        view.put("hasRejectedRows", record.rejectedRowsKey() != null);
        view.put("expiresOn", record.expiresOn());
        view.put("error", record.error());
        view.put("request", record.request());
        return view;
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

    static String staging(String importId, String fileName) {
        return "staging/" + importId + "/" + fileName;
    }

    private static ApiResponse ok(Object body) {
        return ApiResponse.json(200, body);
    }

    private static JsonNode body(ApiRequest request) {
        String text = request.bodyText();
        if (text.isBlank()) {
            throw new ApiException(400, "the request needs a JSON body");
        }
        JsonNode body = readJson(text);
        if (!body.isObject()) {
            throw new ApiException(400, "the body must be a JSON object, not " + body.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return body;
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ApiException(400, "the body is not valid JSON: " + e.getMessage());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }


    /** A list, category or table name: required, at most {@link Limits#NAME} characters, no control characters. */
    private static String name(JsonNode body, String subject, String field) {
        return required(body, subject, field, Limits.NAME);
    }

    /** The body's {@code field}, reported as {@code subject.field} (see {@link FieldLabels}). */
    private static String required(JsonNode body, String subject, String field, int maxLength) {
        String value = body.path(field).asText("").strip();
        if (value.isEmpty()) {
            throw new ApiException(400, subject + "." + field, "required");
        }
        Limits.textProblem(value, maxLength).or(() -> Limits.controlCharacter(value))
                .ifPresent(problem -> {
                    throw new ApiException(400, subject + "." + field, problem);
                });
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
