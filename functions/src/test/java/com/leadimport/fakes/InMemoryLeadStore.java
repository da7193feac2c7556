package com.leadimport.fakes;

import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.dedupe.ExistingLead;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.StoredLead;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Leads by (list, lead id), as DynamoLeadStore keeps them, and the dedupe key index beside them:
 * (key, list) to lead ids, changed only by {@link #applyKeyChanges}, as in the real store (a lead
 * written is found by dedupe only once its keys have been applied). Secondary values travel with
 * the lead; callbacks are kept per list as {@code leadId#callbackId}. Removing a lead also takes
 * it out of the dialler buffer it shares a table with.
 */
public final class InMemoryLeadStore implements LeadStore {

    private static final Comparator<LeadRef> BY_LIST_THEN_ID = Comparator.comparing(LeadRef::list).thenComparing(LeadRef::leadId);

    private final Map<LeadRef, StoredLead> leads = new TreeMap<>(BY_LIST_THEN_ID);
    private final Map<String, Map<String, String>> callbacksByList = new TreeMap<>();
    /** key, U+001F, list: the lead ids of that list with that key. */
    private final Map<String, Set<String>> keyIndex = new TreeMap<>();
    private final InMemoryDialerBuffer buffer;

    public InMemoryLeadStore() {
        this(new InMemoryDialerBuffer());
    }

    public InMemoryLeadStore(InMemoryDialerBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public synchronized void write(List<StoredLead> stored) {
        stored.forEach(lead -> leads.put(new LeadRef(lead.list(), lead.leadId()), lead));
    }

    /** Also checks the caller's claim: an entry said to be absent must be (a wrong claim would lose a lead's key). */
    @Override
    public synchronized void applyKeyChanges(Collection<KeyChange> changes, Set<String> absentEntries) {
        for (String entry : absentEntries) {
            if (keyIndex.containsKey(entry)) {
                throw new IllegalStateException("the entry " + entry.replace('\u001f', '|') + " was said to be absent but holds "
                        + keyIndex.get(entry));
            }
        }
        for (KeyChange change : changes) {
            String entry = change.key() + '\u001f' + change.list();
            if (change.add()) {
                keyIndex.computeIfAbsent(entry, e -> new java.util.TreeSet<>()).add(change.leadId());
            } else if (keyIndex.containsKey(entry)) {
                keyIndex.get(entry).remove(change.leadId());
                if (keyIndex.get(entry).isEmpty()) {
                    keyIndex.remove(entry);
                }
            }
        }
    }

    @Override
    public synchronized Map<String, List<ExistingLead>> findMatches(Collection<String> keys, Collection<String> lists) {
        Map<String, List<ExistingLead>> matches = new LinkedHashMap<>();
        for (String key : new LinkedHashSet<>(keys)) {
            keyIndex.forEach((entry, ids) -> {
                String list = entry.substring(entry.indexOf('\u001f') + 1);
                if (entry.startsWith(key + '\u001f') && (lists == null || lists.contains(list))) {
                    ids.forEach(id -> matches.computeIfAbsent(key, k -> new ArrayList<>()).add(new ExistingLead(id, list, key)));
                }
            });
        }
        return matches;
    }

    @Override
    public synchronized List<KeyChange> keyRemovals(Collection<LeadRef> refs) {
        List<KeyChange> removals = new ArrayList<>();
        for (LeadRef ref : new LinkedHashSet<>(refs)) {
            StoredLead lead = leads.get(ref);
            if (lead != null) {
                DedupeKeys.all(lead.lead()).forEach(key -> removals.add(new KeyChange(key, lead.list(), lead.leadId(), false)));
            }
        }
        return removals;
    }

    /** The (key, list) entries of the index, for assertions: {@code key|list -> ids}. */
    public synchronized Map<String, Set<String>> keyIndex() {
        Map<String, Set<String>> copy = new TreeMap<>();
        keyIndex.forEach((entry, ids) -> copy.put(entry.replace('\u001f', '|'), Set.copyOf(ids)));
        return copy;
    }

    @Override
    public synchronized int deleteLeads(Collection<LeadRef> refs) {
        int removed = 0;
        for (LeadRef ref : new HashSet<>(refs)) {
            if (leads.remove(ref) != null) {
                Map<String, String> callbacks = callbacksByList.get(ref.list());
                if (callbacks != null) {
                    int before = callbacks.size();
                    callbacks.values().removeIf(ref.leadId()::equals);
                    removed += before - callbacks.size();
                }
                buffer.remove(ref.list(), ref.leadId());
            }
        }
        return removed;
    }

    @Override
    public synchronized void resetCallAttempts(Collection<LeadRef> refs) {
        for (LeadRef ref : refs) {
            leads.computeIfPresent(ref, (r, l) -> new StoredLead(l.leadId(), l.list(), l.importId(), l.lead(), l.secondaryTable(),
                    l.expiresOn(), 0));
        }
    }

    @Override
    public synchronized long deleteList(String list, boolean keepLeadsWithCallbacks, int limit) {
        Set<String> keep = keepLeadsWithCallbacks ? leadsWithCallbacks(list) : Set.of();
        List<LeadRef> doomed = leads.keySet().stream().filter(r -> r.list().equals(list) && !keep.contains(r.leadId()))
                .limit(limit).toList();
        delete(doomed);
        return doomed.size();
    }

    @Override
    public synchronized boolean hasLeads(String list) {
        return leads.keySet().stream().anyMatch(ref -> ref.list().equals(list));
    }

    @Override
    public void forEachLead(String list, Consumer<StoredLead> consumer) {
        leads(list).forEach(consumer);
    }

    @Override
    public synchronized List<LeadRef> leadsOfImport(String importId, String list, int limit) {
        return leads.values().stream().filter(l -> l.importId().equals(importId) && l.list().equals(list))
                .sorted(Comparator.comparing(StoredLead::leadId)).limit(limit)
                .map(l -> new LeadRef(l.list(), l.leadId())).toList();
    }

    @Override
    public synchronized Set<String> leadsWithCallbacks(String list) {
        return new HashSet<>(callbacksByList.getOrDefault(list, Map.of()).values());
    }

    @Override
    public synchronized void addCallback(LeadRef lead, String callbackId, String dueAt) {
        callbacksByList.computeIfAbsent(lead.list(), l -> new TreeMap<>()).put(lead.leadId() + "#" + callbackId, lead.leadId());
    }

    @Override
    public synchronized List<String> callbacks(String list) {
        return callbacksByList.getOrDefault(list, Map.of()).keySet().stream().map(ref -> ref.replaceFirst("#", "/")).toList();
    }

    /** The list's leads in lead id order (what {@link #forEachLead} visits), for assertions. */
    public synchronized List<StoredLead> leads(String list) {
        return leads.values().stream().filter(l -> l.list().equals(list)).toList();
    }

    public InMemoryDialerBuffer buffer() {
        return buffer;
    }
}
