package com.leadimport.adapters.dynamodb;

import static com.leadimport.adapters.dynamodb.Items.n;
import static com.leadimport.adapters.dynamodb.Items.s;

import com.leadimport.adapters.Tables;
import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.dedupe.ExistingLead;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.StoredLead;
import com.leadimport.domain.shard.Shards;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Leads and what hangs off them, in five tables (README, "Data model", has each access pattern
 * with its cost in request units).
 * <ul>
 * <li>LeadsTable: PK {@code listShard} (list, U+001F, one of {@link #SHARDS} shards by lead id),
 * SK {@code leadId}; lead fields by their JSON names, phones as display form plus
 * {@code <phone>E164}, and nothing the key says ({@link LeadItems}). No index: an import's leads
 * (the purge, removing a failed import) are the lead ids that begin with its id in each of its
 * list's shards. Sharded so that no
 * partition key takes more than 1/64 of an import's writes; a list is read by fanning out over
 * its shards.</li>
 * <li>DedupeKeysTable: PK {@code key} ({@code P#+447...}, {@code E#ann@...}), SK {@code ref}: the
 * list for the entry of that list (its leads' ids inline, up to {@link #INLINE}), or list, U+001F,
 * lead id for each further lead (the entry is then marked {@code overflow}). So a chunk's keys on
 * one list are found with batched gets of the entries, 100 a request, and every key costs one
 * item written per lead.</li>
 * <li>SecondaryRowsTable: PK {@code leadId}, SK {@code table}, {@code values} a map.</li>
 * <li>CallbacksTable: PK {@code list}, SK {@code callbackRef} (leadId#callbackId).</li>
 * <li>BufferTable: PK {@code list}, SK {@code leadId}: a removed lead leaves the buffer too.</li>
 * </ul>
 * Writes and deletes are batched; lookups run concurrently; nothing is one round trip per lead.
 */
public final class DynamoLeadStore implements LeadStore {

    /** Partition key shards of a list's leads (and of an import's index entries). */
    public static final int SHARDS = 64;
    /** Lead ids an entry of the key index holds inline before further leads get items of their own. */
    static final int INLINE = 4;
    private static final List<Integer> ALL_SHARDS = java.util.stream.IntStream.range(0, SHARDS).boxed().toList();
    private static final int PAGE = 500;

    private final DynamoDbClient client;
    private final Tables tables;
    private final Batches batches;

    public DynamoLeadStore(DynamoDbClient client, Tables tables) {
        this.client = client;
        this.tables = tables;
        this.batches = new Batches(client);
    }

    private static String twoDigits(int shard) {
        return shard < 10 ? "0" + shard : Integer.toString(shard);
    }

    static String shardOf(String leadId) {
        return twoDigits(Shards.of(leadId, SHARDS));
    }

    static String listShard(String list, String leadId) {
        return list + Items.SEPARATOR + shardOf(leadId);
    }

    /** The list a {@link #listShard} names (before the separator and the shard's two digits). */
    static String listOf(String listShard) {
        return listShard.substring(0, listShard.length() - 3);
    }

    private static String listShard(String list, int shard) {
        return list + Items.SEPARATOR + twoDigits(shard);
    }

    /** A lead's key in LeadsTable. */
    public static Map<String, AttributeValue> leadKey(String list, String leadId) {
        return Map.of("listShard", s(listShard(list, leadId)), "leadId", s(leadId));
    }

    @Override
    public void write(List<StoredLead> leads) {
        // each batch's items are made by the thread that sends them, just before: a chunk's thousands of
        // items are never all held at once, and each lives for one request, not for the whole chunk's writes
        batches.writeEach(leads, stored -> hasSecondaryRow(stored) ? 2 : 1, this::leadWrites);
    }

    private static boolean hasSecondaryRow(StoredLead stored) {
        return stored.secondaryTable() != null && !stored.lead().secondary().isEmpty();
    }

    /** The items of some leads: each lead's, and its secondary row where it has one. */
    private Map<String, List<WriteRequest>> leadWrites(List<StoredLead> leads) {
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        Map<String, AttributeValue> shared = new HashMap<>();
        for (StoredLead stored : leads) {
            put(requests, tables.leads(), LeadItems.item(stored, shared));
            if (hasSecondaryRow(stored)) {
                Map<String, AttributeValue> values = new HashMap<>();
                stored.lead().secondary().forEach((name, value) -> values.put(name, s(value)));
                put(requests, tables.secondaryRows(), Map.of("leadId", s(stored.leadId()), "table", s(stored.secondaryTable()),
                        "values", AttributeValue.fromM(values)));
            }
        }
        return requests;
    }

    // ---------- the dedupe key index ----------

    /**
     * Reads each (key, list) entry once (consistently), applies its changes, and writes back only
     * what changed: the entry (its inline ids and overflow mark) and the overflow items.
     */
    @Override
    public void applyKeyChanges(Collection<KeyChange> changes, Set<String> absentEntries) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, List<KeyChange>> entries = LeadStore.byEntry(changes);
        List<Map<String, AttributeValue>> keys = new ArrayList<>(entries.size());
        entries.forEach((id, entry) -> {
            if (!absentEntries.contains(id)) {
                keys.add(Map.of("key", s(entry.get(0).key()), "ref", s(entry.get(0).list())));
            }
        });
        Map<String, Map<String, AttributeValue>> stored = new HashMap<>();
        for (Map<String, AttributeValue> item : batches.get(tables.dedupeKeys(), keys, true, null, null)) {
            stored.put(Items.string(item, "key") + Items.SEPARATOR + Items.string(item, "ref"), item);
        }
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        entries.forEach((id, entryChanges) -> change(requests, entryChanges, stored.get(id)));
        batches.write(requests);
    }

    private void change(Map<String, List<WriteRequest>> requests, List<KeyChange> changes, Map<String, AttributeValue> entry) {
        String key = changes.get(0).key();
        String list = changes.get(0).list();
        if (entry == null && changes.size() == 1 && changes.get(0).add()) {
            // the usual case, a new key with its one lead: the entry is written as is
            put(requests, tables.dedupeKeys(), Map.of("key", s(key), "ref", s(list),
                    "leads", AttributeValue.fromSs(List.of(changes.get(0).leadId()))));
            return;
        }
        Set<String> inline = new LinkedHashSet<>(entry != null && entry.containsKey("leads") ? entry.get("leads").ss() : List.of());
        boolean overflow = entry != null && entry.containsKey("overflow") && Boolean.TRUE.equals(entry.get("overflow").bool());
        Set<String> before = Set.copyOf(inline);
        boolean overflowBefore = overflow;
        // one write per item (the last decided): a batch may not name an item twice
        Map<String, WriteRequest> overflowWrites = new LinkedHashMap<>();
        for (KeyChange change : changes) {
            String ref = list + Items.SEPARATOR + change.leadId();
            if (change.add()) {
                if (inline.contains(change.leadId())) {
                    continue;
                }
                if (inline.size() < INLINE) {
                    inline.add(change.leadId());
                    if (overflow) {
                        overflowWrites.put(ref, deleteRequest(Map.of("key", s(key), "ref", s(ref))));
                    }
                } else {
                    overflow = true;
                    overflowWrites.put(ref, putRequest(Map.of("key", s(key), "ref", s(ref), "list", s(list),
                            "leadId", s(change.leadId()))));
                }
            } else if (!inline.remove(change.leadId()) && overflow) {
                overflowWrites.put(ref, deleteRequest(Map.of("key", s(key), "ref", s(ref))));
            }
        }
        requests.computeIfAbsent(tables.dedupeKeys(), t -> new ArrayList<>()).addAll(overflowWrites.values());
        if (inline.equals(before) && overflow == overflowBefore) {
            return;
        }
        if (inline.isEmpty() && !overflow) {
            delete(requests, tables.dedupeKeys(), Map.of("key", s(key), "ref", s(list)));
            return;
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("key", s(key));
        item.put("ref", s(list));
        if (!inline.isEmpty()) {
            item.put("leads", AttributeValue.fromSs(List.copyOf(inline)));
        }
        if (overflow) {
            item.put("overflow", AttributeValue.fromBool(true));
        }
        put(requests, tables.dedupeKeys(), item);
    }

    /**
     * One list: batched consistent gets of the (key, list) entries, then a query for the rare
     * entry that has overflowed. Several lists or all of them: one consistent query per key,
     * which reads every list's entry of the key at once (one read unit while under 4 KB).
     */
    @Override
    public Map<String, List<ExistingLead>> findMatches(Collection<String> keys, Collection<String> lists) {
        Map<String, List<ExistingLead>> matches = new LinkedHashMap<>();
        Set<String> wanted = new LinkedHashSet<>(keys);
        List<QueryRequest> queries = new ArrayList<>();
        if (lists != null && lists.size() == 1) {
            String list = lists.iterator().next();
            List<Map<String, AttributeValue>> entryKeys = new ArrayList<>();
            wanted.forEach(key -> entryKeys.add(Map.of("key", s(key), "ref", s(list))));
            for (Map<String, AttributeValue> entry : batches.get(tables.dedupeKeys(), entryKeys, true, null, null)) {
                collect(matches, entry, null);
                if (entry.containsKey("overflow")) {
                    queries.add(QueryRequest.builder().tableName(tables.dedupeKeys()).consistentRead(true)
                            .keyConditionExpression("#k = :k AND begins_with(#r, :list)")
                            .expressionAttributeNames(Map.of("#k", "key", "#r", "ref"))
                            .expressionAttributeValues(Map.of(":k", entry.get("key"), ":list", s(list + Items.SEPARATOR))).build());
                }
            }
        } else {
            for (String key : wanted) {
                queries.add(QueryRequest.builder().tableName(tables.dedupeKeys()).consistentRead(true)
                        .keyConditionExpression("#k = :k").expressionAttributeNames(Map.of("#k", "key"))
                        .expressionAttributeValues(Map.of(":k", s(key))).build());
            }
        }
        Set<String> inScope = lists == null ? null : new HashSet<>(lists);
        for (List<Map<String, AttributeValue>> found : Batches.concurrently(queries, this::queryAll)) {
            found.forEach(item -> collect(matches, item, inScope));
        }
        return matches;
    }

    /** The leads an entry or overflow item names, when its list is in scope (null: every list). */
    private static void collect(Map<String, List<ExistingLead>> matches, Map<String, AttributeValue> item, Set<String> lists) {
        String key = Items.string(item, "key");
        String ref = Items.string(item, "ref");
        String list = item.containsKey("leadId") ? Items.string(item, "list") : ref;
        if (lists != null && !lists.contains(list)) {
            return;
        }
        List<ExistingLead> found = matches.computeIfAbsent(key, k -> new ArrayList<>());
        if (item.containsKey("leadId")) {
            found.add(new ExistingLead(Items.string(item, "leadId"), list, key));
        } else if (item.containsKey("leads")) {
            item.get("leads").ss().forEach(leadId -> found.add(new ExistingLead(leadId, list, key)));
        }
        if (found.isEmpty()) {
            matches.remove(key);
        }
    }

    // ---------- removing leads ----------

    @Override
    public List<KeyChange> keyRemovals(Collection<LeadRef> leads) {
        List<KeyChange> removals = new ArrayList<>();
        for (StoredLead stored : read(leads)) {
            for (String key : DedupeKeys.all(stored.lead())) {
                removals.add(new KeyChange(key, stored.list(), stored.leadId(), false));
            }
        }
        return removals;
    }

    private List<StoredLead> read(Collection<LeadRef> leads) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (LeadRef ref : new LinkedHashSet<>(leads)) {
            keys.add(leadKey(ref.list(), ref.leadId()));
        }
        List<StoredLead> stored = new ArrayList<>();
        for (Map<String, AttributeValue> item : batches.get(tables.leads(), keys, true, null, null)) {
            stored.add(LeadItems.lead(item, null));
        }
        return stored;
    }

    @Override
    public int deleteLeads(Collection<LeadRef> leads) {
        if (leads.isEmpty()) {
            return 0;
        }
        int callbacks = 0;
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        Set<String> lists = new HashSet<>();
        Set<String> removed = new HashSet<>();
        for (StoredLead stored : read(leads)) {
            lists.add(stored.list());
            removed.add(stored.leadId());
            delete(requests, tables.leads(), leadKey(stored.list(), stored.leadId()));
            if (stored.secondaryTable() != null) {
                delete(requests, tables.secondaryRows(), Map.of("leadId", s(stored.leadId()), "table", s(stored.secondaryTable())));
            }
            delete(requests, tables.buffer(), Map.of("list", s(stored.list()), "leadId", s(stored.leadId())));
        }
        for (String list : lists) {
            for (Map<String, AttributeValue> callback : queryAll(listQuery(tables.callbacks(), list).build())) {
                if (removed.contains(Items.string(callback, "leadId"))) {
                    delete(requests, tables.callbacks(), Map.of("list", s(list), "callbackRef", callback.get("callbackRef")));
                    callbacks++;
                }
            }
        }
        batches.write(requests);
        return callbacks;
    }

    @Override
    public void resetCallAttempts(Collection<LeadRef> leads) {
        Batches.concurrently(new ArrayList<>(new HashSet<>(leads)), ref -> {
            try {
                client.updateItem(b -> b.tableName(tables.leads()).key(leadKey(ref.list(), ref.leadId()))
                        .updateExpression("SET callAttempts = :zero").conditionExpression("attribute_exists(leadId)")
                        .expressionAttributeValues(Map.of(":zero", n(0))));
            } catch (ConditionalCheckFailedException missing) {
                // the lead was removed meanwhile: nothing to reset
            }
            return null;
        });
    }

    @Override
    public long deleteList(String list, boolean keepLeadsWithCallbacks, int limit) {
        Set<String> keep = keepLeadsWithCallbacks ? leadsWithCallbacks(list) : Set.of();
        List<LeadRef> refs = new ArrayList<>();
        for (int shard = 0; shard < SHARDS && refs.size() < limit; shard++) {
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(tables.leads())
                        .keyConditionExpression("listShard = :l").expressionAttributeValues(Map.of(":l", s(listShard(list, shard))))
                        .projectionExpression("leadId").limit(PAGE);
                if (start != null) {
                    query.exclusiveStartKey(start);
                }
                QueryResponse page = client.query(query.build());
                for (Map<String, AttributeValue> item : page.items()) {
                    String leadId = Items.string(item, "leadId");
                    if (!keep.contains(leadId) && refs.size() < limit) {
                        refs.add(new LeadRef(list, leadId));
                    }
                }
                start = refs.size() < limit && page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        delete(refs);
        return refs.size();
    }

    /** One consistent query of a single item per shard, side by side. */
    @Override
    public boolean hasLeads(String list) {
        return Batches.concurrently(ALL_SHARDS, shard -> !client.query(b -> b.tableName(tables.leads()).consistentRead(true)
                .keyConditionExpression("listShard = :l").expressionAttributeValues(Map.of(":l", s(listShard(list, shard))))
                .projectionExpression("leadId").limit(1)).items().isEmpty()).contains(true);
    }

    /** The list's shards read page by page side by side and merged, so leads come in lead id order in little memory. */
    @Override
    public void forEachLead(String list, Consumer<StoredLead> consumer) {
        record Cursor(int shard, List<Map<String, AttributeValue>> items, int next, Map<String, AttributeValue> more) {
        }
        PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> Items.string(a.items().get(a.next()), "leadId")
                .compareTo(Items.string(b.items().get(b.next()), "leadId")));
        java.util.function.BiFunction<Integer, Map<String, AttributeValue>, Cursor> page = (shard, start) -> {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tables.leads()).keyConditionExpression("listShard = :l")
                    .expressionAttributeValues(Map.of(":l", s(listShard(list, shard)))).limit(PAGE);
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = client.query(query.build());
            return new Cursor(shard, response.items(), 0,
                    response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null);
        };
        for (Cursor cursor : Batches.concurrently(ALL_SHARDS, shard -> page.apply(shard, null))) {
            if (!cursor.items().isEmpty()) {
                heads.add(cursor);
            }
        }
        while (!heads.isEmpty()) {
            Cursor cursor = heads.poll();
            Map<String, AttributeValue> item = cursor.items().get(cursor.next());
            consumer.accept(LeadItems.lead(item, secondaryValues(List.of(item)).get(Items.string(item, "leadId"))));
            Cursor next = cursor.next() + 1 < cursor.items().size()
                    ? new Cursor(cursor.shard(), cursor.items(), cursor.next() + 1, cursor.more())
                    : cursor.more() != null ? page.apply(cursor.shard(), cursor.more()) : null;
            if (next != null && !next.items().isEmpty()) {
                heads.add(next);
            }
        }
    }

    private Map<String, Map<String, String>> secondaryValues(List<Map<String, AttributeValue>> leads) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : leads) {
            String table = Items.string(item, "secondaryTable");
            if (table != null) {
                keys.add(Map.of("leadId", item.get("leadId"), "table", s(table)));
            }
        }
        Map<String, Map<String, String>> values = new HashMap<>();
        if (keys.isEmpty()) {
            return values;
        }
        for (Map<String, AttributeValue> row : batches.get(tables.secondaryRows(), keys, false, null, null)) {
            Map<String, String> fields = new LinkedHashMap<>();
            row.get("values").m().forEach((name, value) -> fields.put(name, value.s()));
            values.put(Items.string(row, "leadId"), fields);
        }
        return values;
    }

    /**
     * The import's leads on its list, with no index: in each of the list's shards in turn, the lead ids
     * that begin with the import's id (a lead id is the import id and the row), read consistently,
     * until {@code limit} are found.
     */
    @Override
    public List<LeadRef> leadsOfImport(String importId, String list, int limit) {
        List<LeadRef> refs = new ArrayList<>();
        for (int shard = 0; shard < SHARDS && refs.size() < limit; shard++) {
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(tables.leads()).consistentRead(true)
                        .keyConditionExpression("listShard = :l AND begins_with(leadId, :i)")
                        .expressionAttributeValues(Map.of(":l", s(listShard(list, shard)), ":i", s(importId + "-")))
                        .projectionExpression("leadId").limit(limit - refs.size());
                if (start != null) {
                    query.exclusiveStartKey(start);
                }
                QueryResponse page = client.query(query.build());
                for (Map<String, AttributeValue> item : page.items()) {
                    String leadId = Items.string(item, "leadId");
                    if (StoredLead.importIdOf(leadId).equals(importId)) { // not import "x-2" for import "x"
                        refs.add(new LeadRef(list, leadId));
                    }
                }
                start = refs.size() < limit && page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return refs;
    }

    @Override
    public Set<String> leadsWithCallbacks(String list) {
        Set<String> ids = new HashSet<>();
        for (Map<String, AttributeValue> item : queryAll(listQuery(tables.callbacks(), list).build())) {
            ids.add(Items.string(item, "leadId"));
        }
        return ids;
    }

    @Override
    public void addCallback(LeadRef lead, String callbackId, String dueAt) {
        client.putItem(b -> b.tableName(tables.callbacks()).item(Map.of("list", s(lead.list()), "callbackRef",
                s(lead.leadId() + "#" + callbackId), "leadId", s(lead.leadId()), "dueAt", s(dueAt))));
    }

    @Override
    public List<String> callbacks(String list) {
        List<String> callbacks = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryAll(listQuery(tables.callbacks(), list).build())) {
            callbacks.add(Items.string(item, "callbackRef").replaceFirst("#", "/"));
        }
        return callbacks;
    }

    private static QueryRequest.Builder listQuery(String table, String list) {
        return QueryRequest.builder().tableName(table).keyConditionExpression("#l = :l")
                .expressionAttributeNames(Map.of("#l", "list")).expressionAttributeValues(Map.of(":l", s(list)));
    }

    /** Every page of a query. */
    List<Map<String, AttributeValue>> queryAll(QueryRequest query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (QueryResponse page : client.queryPaginator(query)) {
            items.addAll(page.items());
        }
        return items;
    }

    private static void put(Map<String, List<WriteRequest>> requests, String table, Map<String, AttributeValue> item) {
        requests.computeIfAbsent(table, t -> new ArrayList<>()).add(putRequest(item));
    }

    private static void delete(Map<String, List<WriteRequest>> requests, String table, Map<String, AttributeValue> key) {
        requests.computeIfAbsent(table, t -> new ArrayList<>()).add(deleteRequest(key));
    }

    private static WriteRequest putRequest(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static WriteRequest deleteRequest(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }
}
