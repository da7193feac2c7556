package com.leadimport.adapters.dynamodb;

import static com.leadimport.adapters.dynamodb.Items.n;
import static com.leadimport.adapters.dynamodb.Items.s;

import com.leadimport.adapters.Tables;
import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.dedupe.ExistingLead;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.StoredLead;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * Leads and what hangs off them, in five tables.
 * <ul>
 * <li>LeadsTable: PK {@code list}, SK {@code leadId}; lead fields by their JSON names, phones
 * as display form plus {@code <phone>E164}; GSI {@code ByImport} (importId, leadId) for the
 * purge.</li>
 * <li>DedupeKeysTable: PK {@code key} ({@code P#+447...}, {@code E#ann@...}), SK {@code ref}
 * (list, U+001F, leadId): one item per key per lead, so global and per-list lookups are
 * queries. Beside them, one presence marker per key (SK U+0002) lets a chunk find with
 * batched gets which of its keys exist at all, so only those are queried. Markers are not
 * removed with leads: a stale one costs one query that finds nothing.</li>
 * <li>SecondaryRowsTable: PK {@code leadId}, SK {@code table}, {@code values} a map.</li>
 * <li>CallbacksTable: PK {@code list}, SK {@code callbackRef} (leadId#callbackId).</li>
 * <li>BufferTable: PK {@code list}, SK {@code leadId}: a removed lead leaves the buffer too.</li>
 * </ul>
 * Writes and deletes are batched; lookups run concurrently; nothing is one round trip per lead.
 */
public final class DynamoLeadStore implements LeadStore {

    private static final int PAGE = 500;
    private static final String PRESENT_MARKER = "\u0002";

    private final DynamoDbClient client;
    private final Tables tables;
    private final Batches batches;

    public DynamoLeadStore(DynamoDbClient client, Tables tables) {
        this.client = client;
        this.tables = tables;
        this.batches = new Batches(client);
    }

    @Override
    public void write(List<StoredLead> leads) {
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        Set<String> markers = new HashSet<>();
        for (StoredLead stored : leads) {
            put(requests, tables.leads(), LeadItems.item(stored));
            for (String key : DedupeKeys.all(stored.lead())) {
                put(requests, tables.dedupeKeys(), Map.of("key", s(key), "ref", s(ref(stored.list(), stored.leadId())),
                        "list", s(stored.list()), "leadId", s(stored.leadId())));
                if (markers.add(key)) {
                    put(requests, tables.dedupeKeys(), Map.of("key", s(key), "ref", s(PRESENT_MARKER)));
                }
            }
            if (stored.secondaryTable() != null && !stored.lead().secondary().isEmpty()) {
                Map<String, AttributeValue> values = new HashMap<>();
                stored.lead().secondary().forEach((name, value) -> values.put(name, s(value)));
                put(requests, tables.secondaryRows(), Map.of("leadId", s(stored.leadId()), "table", s(stored.secondaryTable()),
                        "values", AttributeValue.fromM(values)));
            }
        }
        batches.write(requests);
    }

    @Override
    public Map<String, List<ExistingLead>> findMatches(Collection<String> keys, Collection<String> lists) {
        List<Map<String, AttributeValue>> markerKeys = new ArrayList<>();
        for (String key : new LinkedHashSet<>(keys)) {
            markerKeys.add(Map.of("key", s(key), "ref", s(PRESENT_MARKER)));
        }
        List<String> present = new ArrayList<>();
        for (Map<String, AttributeValue> marker : batches.get(tables.dedupeKeys(), markerKeys, null, null)) {
            present.add(Items.string(marker, "key"));
        }
        List<QueryRequest> queries = new ArrayList<>();
        for (String key : present) {
            if (lists == null) {
                queries.add(QueryRequest.builder().tableName(tables.dedupeKeys()).keyConditionExpression("#k = :k")
                        .expressionAttributeNames(Map.of("#k", "key")).expressionAttributeValues(Map.of(":k", s(key))).build());
            } else {
                for (String list : lists) {
                    queries.add(QueryRequest.builder().tableName(tables.dedupeKeys())
                            .keyConditionExpression("#k = :k AND begins_with(#r, :list)")
                            .expressionAttributeNames(Map.of("#k", "key", "#r", "ref"))
                            .expressionAttributeValues(Map.of(":k", s(key), ":list", s(list + Items.SEPARATOR))).build());
                }
            }
        }
        Map<String, List<ExistingLead>> matches = new LinkedHashMap<>();
        for (List<Map<String, AttributeValue>> found : Batches.concurrently(queries, this::queryAll)) {
            for (Map<String, AttributeValue> item : found) {
                if (!item.containsKey("leadId")) {
                    continue; // a presence marker
                }
                String key = Items.string(item, "key");
                matches.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new ExistingLead(Items.string(item, "leadId"), Items.string(item, "list"), key));
            }
        }
        return matches;
    }

    @Override
    public void delete(Collection<LeadRef> leads) {
        if (leads.isEmpty()) {
            return;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (LeadRef ref : new HashSet<>(leads)) {
            keys.add(Map.of("list", s(ref.list()), "leadId", s(ref.leadId())));
        }
        List<Map<String, AttributeValue>> items = batches.get(tables.leads(), keys, null, null);
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        Set<String> lists = new HashSet<>();
        Set<String> removed = new HashSet<>();
        for (Map<String, AttributeValue> item : items) {
            StoredLead stored = LeadItems.lead(item, null);
            lists.add(stored.list());
            removed.add(stored.leadId());
            delete(requests, tables.leads(), Map.of("list", s(stored.list()), "leadId", s(stored.leadId())));
            for (String key : DedupeKeys.all(stored.lead())) {
                delete(requests, tables.dedupeKeys(), Map.of("key", s(key), "ref", s(ref(stored.list(), stored.leadId()))));
            }
            if (stored.secondaryTable() != null) {
                delete(requests, tables.secondaryRows(), Map.of("leadId", s(stored.leadId()), "table", s(stored.secondaryTable())));
            }
            delete(requests, tables.buffer(), Map.of("list", s(stored.list()), "leadId", s(stored.leadId())));
        }
        for (String list : lists) {
            for (Map<String, AttributeValue> callback : queryAll(QueryRequest.builder().tableName(tables.callbacks())
                    .keyConditionExpression("#l = :l").expressionAttributeNames(Map.of("#l", "list"))
                    .expressionAttributeValues(Map.of(":l", s(list))).build())) {
                if (removed.contains(Items.string(callback, "leadId"))) {
                    delete(requests, tables.callbacks(), Map.of("list", s(list), "callbackRef", callback.get("callbackRef")));
                }
            }
        }
        batches.write(requests);
    }

    @Override
    public void resetCallAttempts(Collection<LeadRef> leads) {
        Batches.concurrently(new ArrayList<>(new HashSet<>(leads)), ref -> {
            try {
                client.updateItem(b -> b.tableName(tables.leads())
                        .key(Map.of("list", s(ref.list()), "leadId", s(ref.leadId())))
                        .updateExpression("SET callAttempts = :zero").conditionExpression("attribute_exists(leadId)")
                        .expressionAttributeValues(Map.of(":zero", n(0))));
            } catch (ConditionalCheckFailedException missing) {
                // the lead was removed meanwhile: nothing to reset
            }
            return null;
        });
    }

    @Override
    public long deleteList(String list, boolean keepLeadsWithCallbacks) {
        Set<String> keep = keepLeadsWithCallbacks ? leadsWithCallbacks(list) : Set.of();
        long removed = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tables.leads()).keyConditionExpression("#l = :l")
                    .expressionAttributeNames(Map.of("#l", "list")).expressionAttributeValues(Map.of(":l", s(list)))
                    .projectionExpression("leadId").limit(PAGE);
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = client.query(query.build());
            List<LeadRef> refs = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.items()) {
                String leadId = Items.string(item, "leadId");
                if (!keep.contains(leadId)) {
                    refs.add(new LeadRef(list, leadId));
                }
            }
            delete(refs);
            removed += refs.size();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return removed;
    }

    @Override
    public void forEachLead(String list, Consumer<StoredLead> consumer) {
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tables.leads()).keyConditionExpression("#l = :l")
                    .expressionAttributeNames(Map.of("#l", "list")).expressionAttributeValues(Map.of(":l", s(list))).limit(PAGE);
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = client.query(query.build());
            Map<String, Map<String, String>> secondary = secondaryValues(page.items());
            for (Map<String, AttributeValue> item : page.items()) {
                consumer.accept(LeadItems.lead(item, secondary.get(Items.string(item, "leadId"))));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
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
        for (Map<String, AttributeValue> row : batches.get(tables.secondaryRows(), keys, null, null)) {
            Map<String, String> fields = new LinkedHashMap<>();
            row.get("values").m().forEach((name, value) -> fields.put(name, value.s()));
            values.put(Items.string(row, "leadId"), fields);
        }
        return values;
    }

    @Override
    public List<LeadRef> leadsOfImport(String importId, String list, int limit) {
        QueryResponse page = client.query(b -> b.tableName(tables.leads()).indexName("ByImport")
                .keyConditionExpression("importId = :i").expressionAttributeValues(Map.of(":i", s(importId))).limit(limit));
        List<LeadRef> refs = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            refs.add(new LeadRef(Items.string(item, "list"), Items.string(item, "leadId")));
        }
        return refs;
    }

    @Override
    public Set<String> leadsWithCallbacks(String list) {
        Set<String> ids = new HashSet<>();
        for (Map<String, AttributeValue> item : queryAll(QueryRequest.builder().tableName(tables.callbacks())
                .keyConditionExpression("#l = :l").expressionAttributeNames(Map.of("#l", "list"))
                .expressionAttributeValues(Map.of(":l", s(list))).build())) {
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
        for (Map<String, AttributeValue> item : queryAll(QueryRequest.builder().tableName(tables.callbacks())
                .keyConditionExpression("#l = :l").expressionAttributeNames(Map.of("#l", "list"))
                .expressionAttributeValues(Map.of(":l", s(list))).build())) {
            callbacks.add(Items.string(item, "callbackRef").replaceFirst("#", "/"));
        }
        return callbacks;
    }

    /** Every page of a query. */
    List<Map<String, AttributeValue>> queryAll(QueryRequest query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (QueryResponse page : client.queryPaginator(query)) {
            items.addAll(page.items());
        }
        return items;
    }

    private static String ref(String list, String leadId) {
        return list + Items.SEPARATOR + leadId;
    }

    private static void put(Map<String, List<WriteRequest>> requests, String table, Map<String, AttributeValue> item) {
        requests.computeIfAbsent(table, t -> new ArrayList<>()).add(WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item).build()).build());
    }

    private static void delete(Map<String, List<WriteRequest>> requests, String table, Map<String, AttributeValue> key) {
        requests.computeIfAbsent(table, t -> new ArrayList<>()).add(WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(key).build()).build());
    }
}
