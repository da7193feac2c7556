package com.leadimport.workflow;

import com.leadimport.domain.csv.FileRefusedException;
import com.leadimport.domain.request.RequestRefusedException;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.LeadStore.LeadRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Catch path: records why the import ended early, REFUSED when the file or request broke
 * a rule the supervisor can fix, FAILED otherwise, removes any leads its chunks had written,
 * lets go of its lists' leases and clears its working files. Nothing is
 * left RUNNING. An execution that never claimed the import (a repeated event) changes nothing.
 */
public final class MarkImportEnded {

    /** The error names Step Functions reports for our refusals: a Java Lambda's errorType is the class name. */
    public static final Set<String> REFUSALS = Set.of(FileRefusedException.class.getName(),
            RequestRefusedException.class.getName(), ImportRefusedException.class.getName());

    private static final int PAGE = 500;

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

    public ImportSummary end(ExecutionFailure failure) {
        ImportStatus status = REFUSALS.contains(failure.error().error()) ? ImportStatus.REFUSED : ImportStatus.FAILED;
        String message = failure.error().message();
        Optional<String> importId = importIdOf(failure);
        Optional<ImportRecord> record = importId.flatMap(imports::find);
        if (record.isPresent() && mayEnd(record.get(), failure.file().executionId())) {
            removeWrittenLeads(record.get());
            imports.ended(record.get().importId(), status, message);
            leases.release(record.get().importId());
            files.deletePrefix(workBucket, WorkFiles.prefix(record.get().importId()));
        }
        return new ImportSummary(importId.orElse(null), status.name(), 0, 0, 0, java.util.Map.of(), 0, null, message);
    }

    /** A failed import keeps none of the leads its chunks had written: it imported nothing. */
    private void removeWrittenLeads(ImportRecord record) {
        if (record.list() == null) {
            return;
        }
        for (List<LeadRef> page = leads.leadsOfImport(record.importId(), record.list(), PAGE); !page.isEmpty();
             page = leads.leadsOfImport(record.importId(), record.list(), PAGE)) {
            leads.delete(page);
        }
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
