package com.leadimport.workflow;

import com.leadimport.domain.csv.FileRefusedException;
import com.leadimport.domain.request.RequestRefusedException;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import com.leadimport.logging.Log;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.LeadStore.LeadRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Catch path, and the end of an execution that stopped (failed, timed out or aborted without
 * reaching its Catch: the AWS rule on execution status changes, or the local runtime's start):
 * records why the import ended early, REFUSED when the file or request broke a rule the
 * supervisor can fix, FAILED otherwise (quoting the id the fault was logged under), removes any
 * leads its chunks had written (a budget a call: the state machine calls again until done),
 * lets go of its lists' leases and clears its working files. Nothing is
 * left RUNNING. An execution that never claimed the import (a repeated event) changes nothing.
 */
public final class MarkImportEnded {

    /** The error names Step Functions reports for our refusals: a Java Lambda's errorType is the class name. */
    public static final Set<String> REFUSALS = Set.of(FileRefusedException.class.getName(),
            RequestRefusedException.class.getName(), ImportRefusedException.class.getName());

    private static final int PAGE = 500;
    /** The most leads one call removes: a failed import of any size is undone across calls, never in one. */
    static final int REMOVAL_BUDGET = 20_000;

    private final ImportStore imports;
    private final LeadStore leads;
    private final FileStore files;
    private final String workBucket;

    private final ListLeases leases;

    public MarkImportEnded(ImportStore imports, LeadStore leads, FileStore files, String workBucket, ListLeases leases) {
        this.imports = imports;
        this.leads = leads;
        this.files = files;
        this.workBucket = workBucket;
        this.leases = leases;
    }

    /** What ending an import came to; {@code done} false: more of its leads remain to remove, call again. */
    public record Ended(ImportSummary summary, boolean done) {
    }

    public Ended end(ExecutionFailure failure) {
        ImportStatus status = REFUSALS.contains(failure.error().error()) ? ImportStatus.REFUSED : ImportStatus.FAILED;
        Optional<String> importId = importIdOf(failure);
        String message = failure.error().message();
        if (status == ImportStatus.FAILED && !failure.error().error().equals(SupplierNotConfiguredException.class.getName())) {
            // the id the failing step logged the fault under (Log.fault), so the log entry can be found from the message
            message += " (ref " + Log.faultId(importId.orElse(null), failure.error().error(), message) + ")";
        }
        Optional<ImportRecord> record = importId.flatMap(imports::find);
        ImportSummary summary = new ImportSummary(importId.orElse(null), status.name(), 0, 0, 0, java.util.Map.of(), 0, null, message);
        if (record.isPresent() && mayEnd(record.get(), failure.file() == null ? null : failure.file().executionId())) {
            if (!removeWrittenLeads(record.get())) {
                return new Ended(summary, false);
            }
            imports.ended(record.get().importId(), status, message);
            leases.release(record.get().importId());
            files.deletePrefix(workBucket, WorkFiles.prefix(record.get().importId()));
        }
        return new Ended(summary, true);
    }

    /**
     * A failed import keeps none of the leads its chunks had written: it imported nothing. Removes
     * up to the budget; @return whether none is left (the import stays RUNNING until then, so a
     * repeated call carries on)
     */
    private boolean removeWrittenLeads(ImportRecord record) {
        if (record.list() == null) {
            return true;
        }
        for (int removed = 0; removed < REMOVAL_BUDGET; ) {
            List<LeadRef> page = leads.leadsOfImport(record.importId(), record.list(), PAGE);
            if (page.isEmpty()) {
                return true;
            }
            leads.delete(page);
            removed += page.size();
        }
        return leads.leadsOfImport(record.importId(), record.list(), 1).isEmpty();
    }

    private static boolean mayEnd(ImportRecord record, String executionId) {
        return record.status() == ImportStatus.AWAITING_FILE
                || (record.status() == ImportStatus.RUNNING && executionId != null && executionId.equals(record.executionId()));
    }

    private static Optional<String> importIdOf(ExecutionFailure failure) {
        if (failure.job() != null && failure.job().importId() != null) {
            return Optional.of(failure.job().importId());
        }
        FileArrived file = failure.file();
        if (file == null || file.key() == null) {
            return Optional.empty();
        }
        Optional<String> upload = UploadKeys.importIdOfUpload(file.key());
        if (upload.isPresent()) {
            return upload;
        }
        return UploadKeys.supplierOf(file.key()).map(s -> UploadKeys.dropImportId(file.bucket(), file.key(), file.sequencer()));
    }
}
