package com.leadimport.workflow;

import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.ImportStore;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.LeadStore.LeadRef;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The midnight expiry purge: every lead of each import whose expiry date has passed is
 * removed, with its callbacks, dedupe keys and secondary rows. Works in pages up to a budget
 * per invocation and says whether it finished, so a large import purges completely across
 * invocations; re-running it is harmless. An import still running when its expiry has passed
 * loses what it has written so far and stays pending, so the next purge removes the rest. Each
 * list is purged with its lease held, so a purge never rewrites a key entry an import is writing.
 */
public final class PurgeExpiredImports {

    private static final int PAGE = 500;
    /** The purge's name as a lease owner. */
    static final String OWNER = "expiry-purge";

    private final ImportStore imports;
    private final LeadStore leads;
    private final ListLeases leases;
    private final Clock clock;
    private final ZoneId zone;
    private final int budget;

    /** @param budget the most leads one invocation removes before handing over to the next */
    public PurgeExpiredImports(ImportStore imports, LeadStore leads, ListLeases leases, Clock clock, ZoneId zone, int budget) {
        this.imports = imports;
        this.leads = leads;
        this.leases = leases;
        this.clock = clock;
        this.zone = zone;
        this.budget = budget;
    }

    /** @param date the purge date, or null for today in the purge's zone (the midnight that just passed) */
    public PurgeResult purge(LocalDate date) {
        LocalDate asOf = date != null ? date : LocalDate.now(clock.withZone(zone));
        long removed = 0;
        long callbacks = 0;
        int importsPurged = 0;
        boolean waiting = false;
        for (ImportRecord record : imports.expiringBefore(asOf)) {
            if (!leases.takeForPurge(OWNER, record.list())) {
                waiting = true; // an import is changing this list: its turn comes on a later call
                continue;
            }
            try {
                long[] counts = purgeImport(record, budget - removed);
                removed += counts[0];
                importsPurged += (int) counts[1];
                callbacks += counts[2];
            } finally {
                leases.release(OWNER);
            }
            if (removed >= budget) {
                return new PurgeResult(asOf, false, false, importsPurged, removed, callbacks);
            }
        }
        return new PurgeResult(asOf, !waiting, waiting, importsPurged, removed, callbacks);
    }

    /**
     * Removes up to {@code allowance} of the import's leads.
     * @return {leads removed, 1 when the import is now wholly purged, callbacks removed with them}
     */
    private long[] purgeImport(ImportRecord record, long allowance) {
        long removed = 0;
        long callbacks = 0;
        while (removed < allowance) {
            List<LeadRef> page = leads.leadsOfImport(record.importId(), record.list(), (int) Math.min(PAGE, allowance - removed));
            if (page.isEmpty()) {
                // an import still running may write more of its expired leads: it stays pending for the next purge
                if (record.status() == ImportStatus.RUNNING) {
                    return new long[] {removed, 0, callbacks};
                }
                imports.purged(record.importId());
                return new long[] {removed, 1, callbacks};
            }
            callbacks += leads.delete(page);
            removed += page.size();
        }
        return new long[] {removed, 0, callbacks};
    }

    /**
     * One call's work. {@code complete} false: invoke again with the same date, at once when the
     * budget ran out, after a wait when {@code waiting} (an import holds the lease of a list with
     * expired leads).
     */
    public record PurgeResult(LocalDate date, boolean complete, boolean waiting, int importsPurged, long leadsRemoved,
                              long callbacksRemoved) {
    }
}
