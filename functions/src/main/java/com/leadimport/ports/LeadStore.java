package com.leadimport.ports;

import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.dedupe.ExistingLead;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Leads by list, with their dedupe key index, secondary rows and callbacks. Every method
 * works in batches; none makes a round trip per lead.
 *
 * <p>The dedupe key index holds, per key and list, the leads of that list with that key. It is
 * changed only through {@link #applyKeyChanges}, which reads and rewrites each (key, list) entry:
 * the caller must be its only writer while it runs. The workflow makes sure of it: an execution
 * holds the lease of every list it changes ({@link LeaseStore}), and within an import each key
 * is written by exactly one task (WriteKeys shards the changes by key).
 */
public interface LeadStore {

    /** Puts lead items and their secondary rows (not their keys). Idempotent: ids derive from import + row. */
    void write(List<StoredLead> leads);

    /** Adds and removes leads in the dedupe key index; idempotent (the same change twice changes nothing more). */
    default void applyKeyChanges(Collection<KeyChange> changes) {
        applyKeyChanges(changes, java.util.Set.of());
    }

    /**
     * The same, told which (key, list) entries ({@link #entryId}) a consistent read has just found
     * absent (and that nothing else has written since), so they are written without being read again.
     */
    void applyKeyChanges(Collection<KeyChange> changes, java.util.Set<String> absentEntries);

    /** How a (key, list) entry of the index is named in {@link #byEntry} and to {@link #applyKeyChanges}. */
    static String entryId(String key, String list) {
        return key + '\u001f' + list;
    }

    /** Stored leads sharing any of the keys, on any list ({@code lists} null) or on the given lists; read strongly consistent. */
    Map<String, List<ExistingLead>> findMatches(Collection<String> keys, Collection<String> lists);

    /** The key index removals that deleting these leads needs (read from the stored leads; missing leads give none). */
    List<KeyChange> keyRemovals(Collection<LeadRef> leads);

    /**
     * Removes lead items with their secondary rows, callbacks and buffer entries (not their keys).
     * Missing leads are ignored. @return how many callbacks went with them
     */
    int deleteLeads(Collection<LeadRef> leads);

    /**
     * Removes leads whole: their keys from the index first, so a retry after a failure finds the
     * leads to finish. @return how many callbacks went with them
     */
    default int delete(Collection<LeadRef> leads) {
        applyKeyChanges(keyRemovals(leads));
        return deleteLeads(leads);
    }

    /** Resets the call attempts of the leads to zero. Missing leads are ignored. */
    void resetCallAttempts(Collection<LeadRef> leads);

    /**
     * Delete existing records: removes every lead of the list with its keys, secondary rows
     * and callbacks, except (when {@code keepLeadsWithCallbacks}) leads that have callbacks,
     * at most {@code limit} leads a call. @return how many were removed (0: nothing left to remove)
     */
    long deleteList(String list, boolean keepLeadsWithCallbacks, int limit);

    /** Whether any lead is on the list (read consistently). */
    boolean hasLeads(String list);

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

    /** The lead {@code leadId} on {@code list} gains ({@code add}) or loses {@code key} in the dedupe key index. */
    record KeyChange(String key, String list, String leadId, boolean add) {

        /** Every key of the stored leads, added. */
        public static List<KeyChange> additions(Collection<StoredLead> leads) {
            List<KeyChange> changes = new ArrayList<>();
            for (StoredLead lead : leads) {
                for (String key : DedupeKeys.all(lead.lead())) {
                    changes.add(new KeyChange(key, lead.list(), lead.leadId(), true));
                }
            }
            return changes;
        }
    }

    /** Groups changes (each once) by the (key, list) entry they change, so that each entry is read and written once. */
    static Map<String, List<KeyChange>> byEntry(Collection<KeyChange> changes) {
        Map<String, List<KeyChange>> entries = new java.util.LinkedHashMap<>();
        for (KeyChange change : new java.util.LinkedHashSet<>(changes)) {
            entries.computeIfAbsent(entryId(change.key(), change.list()), e -> new ArrayList<>()).add(change);
        }
        return entries;
    }
}
