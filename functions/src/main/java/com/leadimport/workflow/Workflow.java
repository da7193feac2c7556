package com.leadimport.workflow;

import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.DialerBuffer;
import com.leadimport.ports.DncStore;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.LeaseStore;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Everything the workflow's steps stand on, and the steps built on it. Lambda builds one from
 * AWS clients, the local runtime from its emulators; the steps are the same.
 *
 * @param chunkRows   rows per chunk for the parallel phases
 * @param purgeZone   the zone whose midnight ends an expiry date
 * @param purgeBudget the most leads one purge invocation removes
 */
public record Workflow(ImportStore imports, CatalogStore catalog, DncStore dnc, LeadStore leads, DialerBuffer buffer,
                       LeaseStore leases, FileStore files, Clock clock, String workBucket, int chunkRows, ZoneId purgeZone,
                       int purgeBudget) {

    public static final int DEFAULT_CHUNK_ROWS = 5_000;
    public static final int DEFAULT_PURGE_BUDGET = 50_000;

    /** Leads removed per call when Delete existing records empties a list. */
    public static final int DELETE_PAGE = 5_000;

    public PrepareImport prepareImport() {
        return new PrepareImport(imports, catalog, dnc, files, clock.withZone(purgeZone));
    }

    private ListLeases listLeases() {
        return new ListLeases(leases, clock);
    }

    public LeaseLists leaseLists() {
        return new LeaseLists(imports, listLeases());
    }

    public PrepareList prepareList() {
        return new PrepareList(imports, catalog, leads, buffer, listLeases(), files, workBucket, DELETE_PAGE);
    }

    public SplitFile splitFile() {
        return new SplitFile(imports, files, workBucket, chunkRows);
    }

    public ScreenChunk screenChunk() {
        return new ScreenChunk(imports, dnc, files, workBucket);
    }

    public ResolveDuplicates resolveDuplicates() {
        return new ResolveDuplicates(imports, files, workBucket);
    }

    public WriteChunk writeChunk() {
        return new WriteChunk(imports, leads, files, workBucket, listLeases());
    }

    public WriteKeys writeKeys() {
        return new WriteKeys(leads, files, workBucket, listLeases());
    }

    public FinalizeImport finalizeImport() {
        return new FinalizeImport(imports, catalog, files, workBucket, listLeases());
    }

    public MarkImportEnded markImportEnded() {
        return new MarkImportEnded(imports, leads, files, workBucket, listLeases());
    }

    public PurgeExpiredImports purgeExpiredImports() {
        return new PurgeExpiredImports(imports, leads, listLeases(), clock, purgeZone, purgeBudget);
    }
}
