package com.leadimport.ports;

import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportResult;
import com.leadimport.imports.ImportStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Import records: history, status, progress, counts, and the expiry index. */
public interface ImportStore {

    /** @return false when an import with this id exists already (a repeated event) */
    boolean create(ImportRecord record);

    Optional<ImportRecord> find(String importId);

    /**
     * Moves the import from AWAITING_FILE to RUNNING for one execution. Idempotent for the same
     * execution (a retried Lambda); false when another execution has it or it has finished.
     */
    boolean claim(String importId, String executionId);

    /** Replaces the settings snapshot with the request as resolved at prepare time (types, defaults). */
    void saveRequest(String importId, com.leadimport.domain.request.ImportRequest request);

    void started(String importId, int chunksTotal, long totalRows, long blankRows, LocalDate expiresOn);

    void chunkScreened(String importId, int chunk);

    void chunkWritten(String importId, int chunk);

    void completed(String importId, ImportResult result);

    void ended(String importId, ImportStatus status, String error);

    /** Imports with an expiry date before {@code date} that have not been purged yet. */
    List<ImportRecord> expiringBefore(LocalDate date);

    void purged(String importId);

    /** Newest first, at most {@code limit}. */
    List<ImportRecord> history(int limit);

    /** Every import, newest first, read page by page as the action takes them (reports that must count them all). */
    void forEachInHistory(Consumer<ImportRecord> action);

    /** The imports claimed by an execution and not yet ended (RUNNING): what a stopped execution may have left behind. */
    List<String> active();
}
