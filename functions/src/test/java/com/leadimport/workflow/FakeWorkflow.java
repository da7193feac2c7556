package com.leadimport.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.leadimport.domain.csv.CsvRow;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.ImportRequests;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.RowOutcome;
import com.leadimport.fakes.InMemoryCatalogStore;
import com.leadimport.fakes.InMemoryDialerBuffer;
import com.leadimport.fakes.InMemoryDncStore;
import com.leadimport.fakes.InMemoryFileStore;
import com.leadimport.fakes.InMemoryImportStore;
import com.leadimport.fakes.InMemoryLeadStore;
import com.leadimport.fakes.InMemoryLeaseStore;
import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.StoredLead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workflow's steps on in-memory fakes of every port, with a fixed clock, and the few
 * helpers step tests share: a request for a Name,Phone,Email file, an import in a given
 * state, and each step's work files written by hand, so a step is tested on its own inputs.
 */
final class FakeWorkflow {

    static final String UPLOAD_BUCKET = "upload";
    static final String WORK_BUCKET = "work";
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final List<String> HEADERS = List.of("Name", "Phone", "Email");
    /** 10:00 in London on the import date. */
    static final Instant NOW = Instant.parse("2026-05-04T09:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 5, 4);
    static final String EXECUTION = "exec-1";

    final InMemoryImportStore imports = new InMemoryImportStore();
    final InMemoryCatalogStore catalog = new InMemoryCatalogStore();
    final InMemoryDncStore dnc = new InMemoryDncStore();
    final InMemoryDialerBuffer buffer = new InMemoryDialerBuffer();
    final InMemoryLeadStore leads = new InMemoryLeadStore(buffer);
    final InMemoryFileStore files = new InMemoryFileStore();
    final InMemoryLeaseStore leases = new InMemoryLeaseStore();
    final Workflow workflow;

    FakeWorkflow() {
        this(Clock.fixed(NOW, ZoneOffset.UTC), 2, Workflow.DEFAULT_PURGE_BUDGET);
    }

    FakeWorkflow(Clock clock, int chunkRows, int purgeBudget) {
        workflow = new Workflow(imports, catalog, dnc, leads, buffer, leases, files, clock, WORK_BUCKET, chunkRows, LONDON, purgeBudget);
    }

    /** A request for a Name,Phone,Email file; {@code settings} is spliced into the settings object (JSON, no braces). */
    static ImportRequest request(String list, String settings) {
        return ImportRequests.parse("""
                { "details": { "list": "%s", "supplier": "Acme", "costPerLead": 0.10, "adHoc": true },
                  "settings": { "format": { "preset": "DEFAULT_UK" }, "validateEmails": true %s },
                  "mapping": { "fields": { "firstName": { "headers": ["Name"] }, "phone1": { "headers": ["Phone"] },
                                           "email": { "headers": ["Email"] } } } }
                """.formatted(list, settings.isBlank() ? "" : ", " + settings));
    }

    static String dedupe(String scope, String action) {
        return "\"dedupe\": { \"enabled\": true, \"on\": \"BOTH\", \"scope\": \"" + scope + "\", \"action\": \"" + action + "\""
                + (scope.equals("LISTS") ? ", \"destinationList\": true" : "") + " }";
    }

    /** The wizard's import awaiting its file, and the file uploaded: the event Prepare receives. */
    FileArrived upload(String importId, String fileName, String csv, ImportRequest request) {
        String key = UploadKeys.upload(importId, fileName);
        imports.create(ImportRecord.awaitingFile(importId, request, UPLOAD_BUCKET, key, fileName, NOW, "ann", TODAY));
        byte[] content = csv.getBytes(StandardCharsets.UTF_8);
        files.put(UPLOAD_BUCKET, key, content, "text/csv");
        return new FileArrived(UPLOAD_BUCKET, key, (long) content.length, "seq-1", EXECUTION);
    }

    /** An import claimed by {@link #EXECUTION} and split into {@code chunks}, as the chunk steps find it. */
    ImportRecord running(String importId, ImportRequest request, int chunks, long rows, LocalDate expiresOn) {
        imports.create(ImportRecord.awaitingFile(importId, request, UPLOAD_BUCKET, UploadKeys.upload(importId, "leads.csv"),
                "leads.csv", NOW, "ann", TODAY));
        imports.claim(importId, EXECUTION);
        imports.started(importId, chunks, rows, 0, expiresOn);
        return imports.find(importId).orElseThrow();
    }

    void chunkFile(String importId, int chunk, List<CsvRow> rows) {
        files.putParts(WORK_BUCKET, WorkFiles.chunk(importId, chunk), ChunkCodec.encode(HEADERS, rows), ChunkCodec.CONTENT_TYPE);
    }

    /** What Screen decided for a chunk: the rows it rejected, and the chunk's numbers on DNC. */
    void screenedFile(String importId, int chunk, List<RowOutcome.Rejected> rejected, java.util.Set<String> dncListed) {
        files.putParts(WORK_BUCKET, WorkFiles.screened(importId, chunk), new ScreenedChunk(rejected, dncListed).encode(),
                "application/octet-stream");
    }

    /** A chunk Screen let through whole. */
    void screenedFile(String importId, int chunk) {
        screenedFile(importId, chunk, List.of(), java.util.Set.of());
    }

    void duplicatesFile(String importId, int chunk, Map<Long, Long> rows) {
        files.put(WORK_BUCKET, WorkFiles.duplicates(importId, chunk), InFileLosers.encode(rows), "application/octet-stream");
    }

    void resultFile(ChunkResult result, String importId) {
        files.putParts(WORK_BUCKET, WorkFiles.result(importId, result.chunk()), result.encode(), "application/octet-stream");
    }

    ScreenedChunk screened(String importId, int chunk) {
        return ScreenedChunk.decode(files.readParts(WORK_BUCKET, WorkFiles.screened(importId, chunk)));
    }

    ChunkResult result(String importId, int chunk) {
        return ChunkResult.decode(files.readParts(WORK_BUCKET, WorkFiles.result(importId, chunk)));
    }

    List<ChunkRef> manifest(String importId) {
        try {
            return Json.MAPPER.readValue(files.read(WORK_BUCKET, WorkFiles.manifest(importId)), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text(String bucket, String key) {
        return new String(files.read(bucket, key), StandardCharsets.UTF_8);
    }

    /** First names of a list's leads, sorted. */
    List<String> names(String list) {
        return leads.leads(list).stream().map(l -> l.lead().fields().get(LeadField.FIRST_NAME)).sorted().toList();
    }

    /** A data row of the Name,Phone,Email file. */
    static CsvRow row(long number, String name, String phone, String email) {
        return new CsvRow(number, List.of(name, phone, email), null);
    }

    /** A lead as Screen leaves it; {@code mobile} is the UK number's last six digits (07412 + them), or null. */
    static Lead lead(long row, String name, String mobile, String email) {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        fields.put(LeadField.FIRST_NAME, name);
        if (email != null) {
            fields.put(LeadField.EMAIL, email);
        }
        Map<LeadField, FormattedPhone> phones = new EnumMap<>(LeadField.class);
        if (mobile != null) {
            phones.put(LeadField.PHONE1, new FormattedPhone("07412" + mobile, "+447412" + mobile));
        }
        return new Lead(row, fields, phones, null, null, "Europe/London", new LinkedHashMap<>());
    }

    /** A lead already stored on a list by an earlier import, its keys in the index. */
    StoredLead stored(String list, String importId, Lead lead, int callAttempts) {
        StoredLead stored = new StoredLead(StoredLead.leadId(importId, lead.rowNumber()), list, importId, lead, null, null,
                callAttempts);
        leads.write(List.of(stored));
        leads.applyKeyChanges(LeadStore.KeyChange.additions(List.of(stored)));
        return stored;
    }

    /** The split result of an import of {@code chunks} chunks, as the later steps receive it. */
    static SplitResult split(String importId, int chunks, long rows) {
        return new SplitResult(importId, chunks, rows, WorkFiles.manifest(importId), WorkFiles.keyShardManifest(importId));
    }

    /** The key shards of an import as Split lists them, applied as the WriteKeys Map does. */
    void writeKeys(String importId, int chunks) {
        int shards = KeyShards.count(chunks);
        for (int shard = 0; shard < shards; shard++) {
            workflow.writeKeys().write(new KeyShardRef(importId, shard, shards));
        }
    }
}
