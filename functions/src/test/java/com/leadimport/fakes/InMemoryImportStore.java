package com.leadimport.fakes;

import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.row.Reason;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportResult;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.ImportStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Import records in a map, as DynamoImportStore keeps them: progress as sets of chunk numbers
 * (a retried chunk counts once), an expiry that is pending from {@code started} until
 * {@code purged} or {@code ended}. Updating an import that does not exist throws, where
 * DynamoDB would quietly create a stray item: here that is a step's bug.
 */
public final class InMemoryImportStore implements ImportStore {

    private final Map<String, Entry> entries = new HashMap<>();

    @Override
    public synchronized boolean create(ImportRecord record) {
        if (entries.containsKey(record.importId())) {
            return false;
        }
        Entry entry = new Entry();
        entry.importId = record.importId();
        entry.status = record.status();
        entry.request = record.request();
        entry.fileBucket = record.fileBucket();
        entry.fileKey = record.fileKey();
        entry.fileName = record.fileName();
        entry.createdAt = record.createdAt();
        entry.createdBy = record.createdBy();
        entry.importDate = record.importDate();
        entries.put(record.importId(), entry);
        return true;
    }

    @Override
    public synchronized Optional<ImportRecord> find(String importId) {
        return Optional.ofNullable(entries.get(importId)).map(Entry::record);
    }

    @Override
    public synchronized boolean claim(String importId, String executionId) {
        Entry entry = entries.get(importId);
        if (entry == null) {
            return false;
        }
        boolean free = entry.status == ImportStatus.AWAITING_FILE;
        boolean ours = entry.status == ImportStatus.RUNNING && executionId.equals(entry.executionId);
        if (!free && !ours) {
            return false;
        }
        entry.status = ImportStatus.RUNNING;
        entry.executionId = executionId;
        return true;
    }

    @Override
    public void saveRequest(String importId, ImportRequest request) {
        update(importId, e -> e.request = request);
    }

    @Override
    public void started(String importId, int chunksTotal, long totalRows, long blankRows, LocalDate expiresOn) {
        update(importId, e -> {
            e.chunksTotal = chunksTotal;
            e.totalRows = totalRows;
            e.blankRows = blankRows;
            if (expiresOn != null) {
                e.expiresOn = expiresOn;
                e.expiryPending = true;
            }
        });
    }

    @Override
    public void chunkScreened(String importId, int chunk) {
        update(importId, e -> e.screened.add(chunk));
    }

    @Override
    public void chunkWritten(String importId, int chunk) {
        update(importId, e -> e.written.add(chunk));
    }

    @Override
    public void completed(String importId, ImportResult result) {
        update(importId, e -> {
            e.status = ImportStatus.COMPLETED;
            e.totalRows = result.totalRows();
            e.imported = result.imported();
            e.rejected = result.rejected();
            e.rejectedByReason.clear();
            e.rejectedByReason.putAll(result.rejectedByReason());
            e.replacedExisting = result.replacedExisting();
            if (result.rejectedRowsKey() != null) {
                e.rejectedRowsKey = result.rejectedRowsKey();
            }
        });
    }

    @Override
    public void ended(String importId, ImportStatus status, String error) {
        update(importId, e -> {
            e.status = status;
            e.error = error == null ? "" : error;
            e.expiryPending = false;
        });
    }

    @Override
    public synchronized List<ImportRecord> expiringBefore(LocalDate date) {
        return entries.values().stream().filter(e -> e.expiryPending && e.expiresOn.isBefore(date))
                .sorted(Comparator.comparing((Entry e) -> e.expiresOn).thenComparing(e -> e.importId))
                .map(Entry::record).toList();
    }

    @Override
    public void purged(String importId) {
        update(importId, e -> {
            e.purged = true;
            e.expiryPending = false;
        });
    }

    @Override
    public synchronized List<ImportRecord> history(int limit) {
        return entries.values().stream().sorted(Comparator.comparing((Entry e) -> e.createdAt).reversed())
                .limit(limit).map(Entry::record).toList();
    }

    @Override
    public void forEachInHistory(Consumer<ImportRecord> action) {
        history(Integer.MAX_VALUE).forEach(action);
    }

    private synchronized void update(String importId, Consumer<Entry> change) {
        Entry entry = entries.get(importId);
        if (entry == null) {
            throw new IllegalStateException("import " + importId + " does not exist");
        }
        change.accept(entry);
    }

    private static final class Entry {
        String importId;
        ImportStatus status;
        ImportRequest request;
        String fileBucket;
        String fileKey;
        String fileName;
        Instant createdAt;
        String createdBy;
        LocalDate importDate;
        LocalDate expiresOn;
        boolean expiryPending;
        Integer chunksTotal;
        final Set<Integer> screened = new TreeSet<>();
        final Set<Integer> written = new TreeSet<>();
        Long totalRows;
        Long blankRows;
        Long imported;
        Long rejected;
        final EnumMap<Reason, Long> rejectedByReason = new EnumMap<>(Reason.class);
        Long replacedExisting;
        String rejectedRowsKey;
        String error;
        boolean purged;
        String executionId;

        ImportRecord record() {
            return new ImportRecord(importId, status, request, fileBucket, fileKey, fileName, createdAt, createdBy, importDate,
                    expiresOn, chunksTotal, screened.size(), written.size(), totalRows, blankRows, imported, rejected,
                    new EnumMap<>(rejectedByReason), replacedExisting, rejectedRowsKey, error, purged, executionId);
        }
    }

    @Override
    public synchronized List<String> active() {
        return history(Integer.MAX_VALUE).stream().filter(r -> r.status() == ImportStatus.RUNNING).map(ImportRecord::importId).toList();
    }
}
