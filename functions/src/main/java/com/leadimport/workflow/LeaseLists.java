package com.leadimport.workflow;

import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.ImportStore;

/**
 * Takes the leases of the lists this import changes or dedupes against, once the file has been
 * read whole and screened (so a file that is refused never waits, and never changes a list).
 * When another import holds one, answers {@code acquired} false: the state machine waits and
 * asks again.
 */
public final class LeaseLists {

    private final ImportStore imports;
    private final ListLeases leases;

    public LeaseLists(ImportStore imports, ListLeases leases) {
        this.imports = imports;
        this.leases = leases;
    }

    public LeaseResult lease(SplitResult split) {
        ImportRecord record = imports.find(split.importId()).orElseThrow();
        return leases.take(split.importId(), record.request());
    }
}
