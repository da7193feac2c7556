package com.leadimport.workflow;

import com.leadimport.domain.csv.RejectedRowsCsv;
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
import com.leadimport.ports.SecondaryMapping;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Last state: adds up every chunk's result, refuses to report counts that do not account for
 * every row, writes the rejected-rows file, completes the import, saves the settings and
 * mapping for reuse (unless ad hoc), lets go of the lists' leases, and clears the working files.
 */
public final class FinalizeImport {

    /** Lets Excel open the file as UTF-8; our own reader drops it on re-import. */
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ImportStore imports;
    private final CatalogStore catalog;
    private final FileStore files;
    private final String workBucket;

    private final ListLeases leases;

    /** Chunk decision files read ahead of their turn: at most this many in memory besides the one in hand. */
    private static final int RESULTS_AHEAD = 4;

    public FinalizeImport(ImportStore imports, CatalogStore catalog, FileStore files, String workBucket, ListLeases leases) {
        this.imports = imports;
        this.catalog = catalog;
        this.files = files;
        this.workBucket = workBucket;
        this.leases = leases;
    }

    public ImportSummary finish(SplitResult split) {
        String importId = split.importId();
        ImportRecord record = imports.find(importId).orElseThrow();
        if (record.status() == ImportStatus.COMPLETED) {
            leases.release(importId);
            // a retry after this step finished (its answer was lost): the work files are gone, the record has the summary
            return new ImportSummary(importId, ImportStatus.COMPLETED.name(), record.totalRows(), record.imported(),
                    record.rejected(), record.rejectedByReason(), record.replacedExisting(), record.rejectedRowsKey(), null);
        }
        OutcomeCounts counts = new OutcomeCounts();
        Set<LeadRef> replaced = new HashSet<>();
        // in parts, as the work files are: the file of a large import's rejected rows runs to tens of megabytes
        BinaryFile.Writer rejectedFile = new BinaryFile.Writer(64 * 1024).writeBytes(UTF8_BOM);
        RejectedRowsCsv rejectedRows = null;
        // each chunk's decisions read a few ahead of their turn (on S3 each read costs tens of milliseconds)
        try (InFlight requests = new InFlight(RESULTS_AHEAD, "finalize-work-files")) {
            Iterator<List<byte[]>> results = requests.inOrder(WorkFiles.ofChunks(importId, split.chunkCount(), WorkFiles::result),
                    key -> files.readParts(workBucket, key));
            while (results.hasNext()) {
                ChunkResult result = ChunkResult.decode(results.next());
                counts.imported(result.importedRows().size());
                replaced.addAll(result.replaced());
                for (RowOutcome.Rejected row : result.rejected()) {
                    counts.count(row);
                    if (rejectedRows == null) {
                        List<String> headers = ChunkCodec.headers(files.readParts(workBucket, WorkFiles.chunk(importId, 0)));
                        rejectedRows = new RejectedRowsCsv(new OutputStreamWriter(rejectedFile.asStream(), StandardCharsets.UTF_8), headers);
                    }
                    rejectedRows.write(row.rowNumber(), row.reason().name(), row.message(), row.cells());
                }
            }
        }
        if (counts.total() != split.totalRows()) {
            throw new IllegalStateException("import " + importId + " accounts for " + counts.total() + " rows ("
                    + counts.imported() + " imported + " + counts.rejected() + " rejected) but the file has "
                    + split.totalRows());
        }
        String rejectedKey = null;
        if (rejectedRows != null) {
            rejectedRows.close();
            rejectedKey = WorkFiles.rejectedRows(importId);
            files.putParts(workBucket, rejectedKey, rejectedFile.parts(), "text/csv; charset=utf-8");
        }
        ImportResult result = new ImportResult(split.totalRows(), counts.imported(), counts.rejected(),
                counts.rejectedByReason(), replaced.size(), rejectedKey);
        imports.completed(importId, result);
        leases.release(importId);
        saveForReuse(record.request(), record.createdBy());
        files.deletePrefix(workBucket, WorkFiles.prefix(importId));
        return new ImportSummary(importId, ImportStatus.COMPLETED.name(), result.totalRows(), result.imported(),
                result.rejected(), result.rejectedByReason(), result.replacedExisting(), rejectedKey, null);
    }

    private void saveForReuse(ImportRequest request, String owner) {
        if (request.details().adHoc()) {
            return;
        }
        catalog.saveSettingsProfile(request.settings(), owner);
        catalog.saveMappingProfile(request.mapping());
        if (request.secondary() != null && request.secondary().fields() != null && !request.secondary().fields().isEmpty()) {
            catalog.saveSecondaryMapping(new SecondaryMapping(request.mapping().name(), request.secondary()));
        }
        catalog.saveSupplierDefault(request.details().supplier(), request);
    }
}
