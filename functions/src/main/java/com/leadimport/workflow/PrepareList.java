package com.leadimport.workflow;

import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Settings;
import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.DialerBuffer;
import com.leadimport.ports.ImportStore;
import com.leadimport.ports.LeadStore;

/**
 * Delete existing records and Clear fetched data, with the list's lease held and the file known
 * good: removes up to {@code page} of the list's leads a call (a large list is removed across
 * calls, never in one Lambda invocation), then clears the dialler buffer.
 */
public final class PrepareList {

    private final ImportStore imports;
    private final LeadStore leads;
    private final DialerBuffer buffer;
    private final ListLeases leases;
    private final int page;

    public PrepareList(ImportStore imports, LeadStore leads, DialerBuffer buffer, ListLeases leases, int page) {
        this.imports = imports;
        this.leads = leads;
        this.buffer = buffer;
        this.leases = leases;
        this.page = page;
    }

    public PrepareListResult prepare(SplitResult split) {
        ImportRecord record = imports.find(split.importId()).orElseThrow();
        ImportRequest request = record.request();
        Settings settings = request.settings();
        String list = request.details().list();
        leases.renew(split.importId());
        if (settings.deleteExisting() != null && settings.deleteExisting().enabled()) {
            long removed = leads.deleteList(list, settings.deleteExisting().keepLeadsWithCallbacks(), page);
            if (removed > 0) {
                return new PrepareListResult(split.importId(), false, removed);
            }
        }
        if (settings.clearFetchedData()) {
            buffer.clear(list);
        }
        return new PrepareListResult(split.importId(), true, 0);
    }
}
