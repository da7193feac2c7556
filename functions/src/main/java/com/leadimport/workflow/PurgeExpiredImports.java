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
 * loses what it has written so far and stays pending, so the next purge removes the rest.
 */
public final class PurgeExpiredImports {

    private static final int PAGE = 500;

    private final ImportStore imports;
    private final LeadStore leads;
    private final Clock clock;
    private final ZoneId zone;
    private final int budget;

    /** @param budget the most leads one invocation removes before handing over to the next */
    public PurgeExpiredImports(ImportStore imports, LeadStore leads, Clock clock, ZoneId zone, int budget) {
        this.imports = imports;
        this.leads = leads;
        this.clock = clock;
        this.zone = zone;
        this.budget = budget;
    }

    /** @param date the purge date, or null for today in the purge's zone (the midnight that just passed) */
    public PurgeResult purge(LocalDate date) {
        LocalDate asOf = date != null ? date : LocalDate.now(clock.withZone(zone));
        long removed = 0;
        int importsPurged = 0;
        for (ImportRecord record : imports.expiringBefore(asOf)) {
            while (true) {
                if (removed >= budget) {
                    return new PurgeResult(asOf, false, importsPurged, removed);
                }
                List<LeadRef> page = leads.leadsOfImport(record.importId(), record.list(),
                        (int) Math.min(PAGE, budget - removed));
                if (page.isEmpty()) {
                    // an import still running may write more of its expired leads: it stays pending for the next purge
                    if (record.status() != ImportStatus.RUNNING) {
                        imports.purged(record.importId());
                        importsPurged++;
                    }
                    break;
                }
                leads.delete(page);
                removed += page.size();
            }
        }
        return new PurgeResult(asOf, true, importsPurged, removed);
    }

    /** {@code complete} false: the budget ran out; invoke again with the same date. */
    public record PurgeResult(LocalDate date, boolean complete, int importsPurged, long leadsRemoved) {
    }
}
