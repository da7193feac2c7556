package com.leadimport.imports;

import com.leadimport.domain.request.Delimiter;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.row.Reason;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * An import as history shows it: the request as a settings snapshot, the file, progress while
 * it runs, counts when it ends. {@code chunksScreened}/{@code chunksWritten} of
 * {@code chunksTotal} are the two parallel phases. {@code blankRows}: rows whose every cell is
 * empty, skipped and not part of {@code totalRows}. {@code executionId} is the workflow
 * execution that claimed it.
 */
public record ImportRecord(String importId, ImportStatus status, ImportRequest request, String fileBucket,
                           String fileKey, String fileName, Instant createdAt, String createdBy, LocalDate importDate,
                           LocalDate expiresOn, Integer chunksTotal, int chunksScreened, int chunksWritten,
                           Long totalRows, Long blankRows, Long imported, Long rejected, Map<Reason, Long> rejectedByReason,
                           Long replacedExisting, String rejectedRowsKey, String error, boolean purged,
                           String executionId) {

    public static ImportRecord awaitingFile(String importId, ImportRequest request, String fileBucket, String fileKey,
                                            String fileName, Instant createdAt, String createdBy, LocalDate importDate) {
        return new ImportRecord(importId, ImportStatus.AWAITING_FILE, request, fileBucket, fileKey, fileName, createdAt,
                createdBy, importDate, null, null, 0, 0, null, null, null, null, Map.of(), null, null, null, false, null);
    }

    /** The file's delimiter as the request names it, or null to detect it. */
    public Delimiter delimiter() {
        return request == null || request.settings() == null ? null : request.settings().delimiter();
    }

    public String list() {
        return request == null || request.details() == null ? null : request.details().list();
    }
}
