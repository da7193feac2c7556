package com.leadimport.ports;

import com.leadimport.domain.dedupe.ExistingLead;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Leads by list, with their dedupe key index, secondary rows and callbacks. Every method
 * works in batches; none makes a round trip per lead.
 */
public interface LeadStore {

    /** Puts leads with their dedupe keys and secondary rows. Idempotent: ids derive from import + row. */
    void write(List<StoredLead> leads);

    /** Stored leads sharing any of the keys, on any list ({@code lists} null) or on the given lists. */
    Map<String, List<ExistingLead>> findMatches(Collection<String> keys, Collection<String> lists);

    /** Removes leads with their keys, secondary rows and callbacks. Missing leads are ignored. */
    void delete(Collection<LeadRef> leads);

    /** Resets the call attempts of the leads to zero. Missing leads are ignored. */
    void resetCallAttempts(Collection<LeadRef> leads);

    /**
     * Delete existing records: removes every lead of the list with its keys, secondary rows
     * and callbacks, except (when {@code keepLeadsWithCallbacks}) leads that have callbacks.
     * @return how many leads were removed
     */
    long deleteList(String list, boolean keepLeadsWithCallbacks);

    /** Every lead of a list, in lead id order. */
    void forEachLead(String list, Consumer<StoredLead> consumer);

    /** References to the leads of one import on a list (for the expiry purge), at most {@code limit}. */
    List<LeadRef> leadsOfImport(String importId, String list, int limit);

    /** The ids of the list's leads that have callbacks. */
    java.util.Set<String> leadsWithCallbacks(String list);

    void addCallback(LeadRef lead, String callbackId, String dueAt);

    /** Callback ids of a list, as {@code leadId/callbackId}. */
    List<String> callbacks(String list);

    /** A stored lead by list and id. */
    record LeadRef(String list, String leadId) {
    }
}
