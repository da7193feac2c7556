package com.leadimport.api;

import com.leadimport.domain.row.Reason;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An import as import history and its Summary show it, and rejection counts as a person reads them. */
final class ImportView {

    private ImportView() {
    }

    /**
     * History leaves out wizards that never reached Start: an import awaiting its file with no
     * request saved (the console saves it on Start). One started but not yet picked up stays.
     */
    static boolean inHistory(ImportRecord record) {
        return record.status() != ImportStatus.AWAITING_FILE || record.request() != null;
    }

    static Map<String, Object> of(ImportRecord record) {
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

    /** Rejection counts with each reason in words, for a person: [{reason, words, rows}]. */
    static List<Map<String, Object>> inWords(Map<Reason, Long> byReason) {
        return byReason.entrySet().stream().<Map<String, Object>>map(reason -> Map.of("reason", reason.getKey(),
                "words", reason.getKey().words(), "rows", reason.getValue())).toList();
    }
}
