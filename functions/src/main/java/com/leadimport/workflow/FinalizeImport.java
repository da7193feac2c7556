package com.leadimport.workflow;

import com.leadimport.domain.json.Json;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.row.OutcomeCounts;
import com.leadimport.domain.row.RowOutcome;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportResult;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import com.leadimport.ports.LeadStore.LeadRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Last state: adds up every chunk's result, refuses to report counts that do not account for
 * every row, writes the rejected-rows file, completes the import, saves the settings and
 * mapping for reuse (unless ad hoc), and clears the working files.
 */
public final class FinalizeImport {

    private final ImportStore imports;
    private final CatalogStore catalog;
    private final FileStore files;
    private final String workBucket;

    public FinalizeImport(ImportStore imports, CatalogStore catalog, FileStore files, String workBucket) {
        this.imports = imports;
        this.catalog = catalog;
        this.files = files;
        this.workBucket = workBucket;
    }

    public ImportSummary finish(SplitResult split) {
        String importId = split.importId();
        ImportRecord record = imports.find(importId).orElseThrow();
        OutcomeCounts counts = new OutcomeCounts();
        Set<LeadRef> replaced = new HashSet<>();
        List<RowOutcome.Rejected> rejected = new ArrayList<>();
        for (int chunk = 0; chunk < split.chunkCount(); chunk++) {
            ChunkResult result = Json.read(files.open(workBucket, WorkFiles.result(importId, chunk)), ChunkResult.class);
            counts.imported(result.importedRows().size());
            result.rejected().forEach(counts::count);
            rejected.addAll(result.rejected());
            replaced.addAll(result.replaced());
        }
        if (counts.total() != split.totalRows()) {
            throw new IllegalStateException("import " + importId + " accounts for " + counts.total() + " rows ("
                    + counts.imported() + " imported + " + counts.rejected() + " rejected) but the file has "
                    + split.totalRows());
        }
        String rejectedKey = null;
        if (!rejected.isEmpty()) {
            rejectedKey = WorkFiles.rejectedRows(importId);
            List<String> headers = ChunkCodec.decode(files.open(workBucket, WorkFiles.chunk(importId, 0))).headers();
            files.put(workBucket, rejectedKey, RejectedRowsFile.encode(headers, rejected), "text/csv");
        }
        ImportResult result = new ImportResult(split.totalRows(), counts.imported(), counts.rejected(),
                counts.rejectedByReason(), replaced.size(), rejectedKey);
        imports.completed(importId, result);
        saveForReuse(record.request());
        files.deletePrefix(workBucket, WorkFiles.prefix(importId));
        return new ImportSummary(importId, ImportStatus.COMPLETED.name(), result.totalRows(), result.imported(),
                result.rejected(), result.rejectedByReason(), result.replacedExisting(), rejectedKey, null);
    }

    private void saveForReuse(ImportRequest request) {
        if (request.details().adHoc()) {
            return;
        }
        catalog.saveSettingsProfile(request.settings());
        catalog.saveMappingProfile(request.mapping());
        catalog.saveSupplierDefault(request.details().supplier(), request);
    }
}
