package com.leadimport.adapters.dynamodb;

import static com.leadimport.adapters.dynamodb.Items.n;
import static com.leadimport.adapters.dynamodb.Items.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.row.Reason;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportResult;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.ImportStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * ImportsTable: PK {@code importId}; the request as JSON, status, progress as number sets of
 * chunk numbers ({@code screened}, {@code written}: ADD is idempotent, so a retried chunk
 * counts once), counts. GSI {@code ByExpiry} (PK {@code expiryPending}, present only while an
 * import with an expiry date awaits its purge; SK {@code expiresOn}) finds expired imports
 * with one query; GSI {@code ByCreated} (PK {@code historyPartition}, SK {@code createdAt})
 * lists history newest first; GSI {@code ByActive} (PK {@code activePartition}, present only while an
 * import runs; keys only) finds the imports a stopped execution left running.
 */
public final class DynamoImportStore implements ImportStore {

    private static final String PENDING = "PENDING";
    private static final String ACTIVE = "ACTIVE";
    private static final String HISTORY = "IMPORTS";

    private final DynamoDbClient client;
    private final String table;

    public DynamoImportStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public boolean create(ImportRecord record) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("importId", s(record.importId()));
        item.put("status", s(record.status().name()));
        item.put("historyPartition", s(HISTORY));
        item.put("createdAt", s(record.createdAt().toString()));
        item.put("importDate", s(record.importDate().toString()));
        Items.putIfPresent(item, "createdBy", record.createdBy());
        Items.putIfPresent(item, "fileBucket", record.fileBucket());
        Items.putIfPresent(item, "fileKey", record.fileKey());
        Items.putIfPresent(item, "fileName", record.fileName());
        if (record.request() != null) {
            item.put("request", s(json(record.request())));
        }
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(importId)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<ImportRecord> find(String importId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(importId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
    }

    @Override
    public boolean claim(String importId, String executionId) {
        try {
            client.updateItem(b -> b.tableName(table).key(key(importId))
                    .updateExpression("SET #s = :running, executionId = :e, activePartition = :active")
                    .conditionExpression("#s = :awaiting OR (#s = :running AND executionId = :e)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":running", s(ImportStatus.RUNNING.name()), ":awaiting",
                            s(ImportStatus.AWAITING_FILE.name()), ":e", s(executionId), ":active", s(ACTIVE))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public void saveRequest(String importId, ImportRequest request) {
        // REQUEST is one of DynamoDB's reserved words: the name goes through ExpressionAttributeNames
        client.updateItem(b -> b.tableName(table).key(key(importId)).updateExpression("SET #request = :r")
                .expressionAttributeNames(Map.of("#request", "request")).expressionAttributeValues(Map.of(":r", s(json(request)))));
    }

    @Override
    public void started(String importId, int chunksTotal, long totalRows, long blankRows, LocalDate expiresOn) {
        if (expiresOn == null) {
            update(importId, "SET chunksTotal = :c, totalRows = :t, blankRows = :b",
                    Map.of(":c", n(chunksTotal), ":t", n(totalRows), ":b", n(blankRows)));
        } else {
            update(importId, "SET chunksTotal = :c, totalRows = :t, blankRows = :b, expiresOn = :x, expiryPending = :p",
                    Map.of(":c", n(chunksTotal), ":t", n(totalRows), ":b", n(blankRows), ":x", s(expiresOn.toString()),
                            ":p", s(PENDING)));
        }
    }

    @Override
    public void chunkScreened(String importId, int chunk) {
        update(importId, "ADD screened :c", Map.of(":c", AttributeValue.fromNs(List.of(Integer.toString(chunk)))));
    }

    @Override
    public void chunkWritten(String importId, int chunk) {
        update(importId, "ADD written :c", Map.of(":c", AttributeValue.fromNs(List.of(Integer.toString(chunk)))));
    }

    @Override
    public void completed(String importId, ImportResult result) {
        Map<String, AttributeValue> byReason = new HashMap<>();
        result.rejectedByReason().forEach((reason, count) -> byReason.put(reason.name(), n(count)));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":s", s(ImportStatus.COMPLETED.name()),
                ":t", n(result.totalRows()), ":i", n(result.imported()), ":r", n(result.rejected()),
                ":b", AttributeValue.fromM(byReason), ":x", n(result.replacedExisting())));
        String expression = "SET #s = :s, totalRows = :t, imported = :i, rejected = :r, rejectedByReason = :b, replacedExisting = :x";
        String remove = " REMOVE activePartition";
        if (result.rejectedRowsKey() != null) {
            expression += ", rejectedRowsKey = :k";
            values.put(":k", s(result.rejectedRowsKey()));
        }
        String finalExpression = expression + remove;
        client.updateItem(b -> b.tableName(table).key(key(importId)).updateExpression(finalExpression)
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(values));
    }

    @Override
    public void ended(String importId, ImportStatus status, String error) {
        client.updateItem(b -> b.tableName(table).key(key(importId))
                .updateExpression("SET #s = :s, #e = :e REMOVE expiryPending, activePartition")
                .expressionAttributeNames(Map.of("#s", "status", "#e", "error"))
                .expressionAttributeValues(Map.of(":s", s(status.name()), ":e", s(error == null ? "" : error))));
    }

    @Override
    public List<ImportRecord> expiringBefore(LocalDate date) {
        List<ImportRecord> records = new ArrayList<>();
        QueryRequest query = QueryRequest.builder().tableName(table).indexName("ByExpiry")
                .keyConditionExpression("expiryPending = :p AND expiresOn < :d")
                .expressionAttributeValues(Map.of(":p", s(PENDING), ":d", s(date.toString()))).build();
        for (QueryResponse page : client.queryPaginator(query)) {
            page.items().forEach(item -> records.add(record(item)));
        }
        return records;
    }

    @Override
    public void purged(String importId) {
        client.updateItem(b -> b.tableName(table).key(key(importId)).updateExpression("SET purged = :t REMOVE expiryPending")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
    }

    @Override
    public List<String> active() {
        List<String> ids = new ArrayList<>();
        for (QueryResponse page : client.queryPaginator(b -> b.tableName(table).indexName("ByActive")
                .keyConditionExpression("activePartition = :a").expressionAttributeValues(Map.of(":a", s(ACTIVE))))) {
            page.items().forEach(item -> ids.add(Items.string(item, "importId")));
        }
        return ids;
    }

    @Override
    public List<ImportRecord> history(int limit) {
        List<ImportRecord> records = new ArrayList<>(Math.min(limit, 1000));
        for (Map<String, AttributeValue> item : historyItems(limit)) {
            records.add(record(item));
            if (records.size() == limit) {
                break;
            }
        }
        return records;
    }

    @Override
    public void forEachInHistory(Consumer<ImportRecord> action) {
        historyItems(null).forEach(item -> action.accept(record(item)));
    }

    /** Newest first, page after page (a page ends at 1 MB or {@code pageSize}), fetched as they are read. */
    private SdkIterable<Map<String, AttributeValue>> historyItems(Integer pageSize) {
        return client.queryPaginator(b -> b.tableName(table).indexName("ByCreated")
                .keyConditionExpression("historyPartition = :h").expressionAttributeValues(Map.of(":h", s(HISTORY)))
                .scanIndexForward(false).limit(pageSize)).items();
    }

    private void update(String importId, String expression, Map<String, AttributeValue> values) {
        client.updateItem(b -> b.tableName(table).key(key(importId)).updateExpression(expression)
                .expressionAttributeValues(values));
    }

    private static Map<String, AttributeValue> key(String importId) {
        return Map.of("importId", s(importId));
    }

    private static ImportRecord record(Map<String, AttributeValue> item) {
        String request = Items.string(item, "request");
        Map<Reason, Long> byReason = new EnumMap<>(Reason.class);
        if (item.containsKey("rejectedByReason")) {
            item.get("rejectedByReason").m().forEach((reason, count) -> byReason.put(Reason.valueOf(reason), Long.valueOf(count.n())));
        }
        Long chunksTotal = Items.number(item, "chunksTotal");
        String expiresOn = Items.string(item, "expiresOn");
        String importDate = Items.string(item, "importDate");
        return new ImportRecord(Items.string(item, "importId"), ImportStatus.valueOf(Items.string(item, "status")),
                request == null ? null : parse(request), Items.string(item, "fileBucket"), Items.string(item, "fileKey"),
                Items.string(item, "fileName"), Instant.parse(Items.string(item, "createdAt")), Items.string(item, "createdBy"),
                importDate == null ? null : LocalDate.parse(importDate), expiresOn == null ? null : LocalDate.parse(expiresOn),
                chunksTotal == null ? null : chunksTotal.intValue(), setSize(item, "screened"), setSize(item, "written"),
                Items.number(item, "totalRows"), Items.number(item, "blankRows"), Items.number(item, "imported"), Items.number(item, "rejected"), byReason,
                Items.number(item, "replacedExisting"), Items.string(item, "rejectedRowsKey"), Items.string(item, "error"),
                item.containsKey("purged") && Boolean.TRUE.equals(item.get("purged").bool()), Items.string(item, "executionId"));
    }

    private static int setSize(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasNs() ? 0 : value.ns().size();
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static ImportRequest parse(String json) {
        try {
            return Json.MAPPER.readValue(json, ImportRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored import request does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
