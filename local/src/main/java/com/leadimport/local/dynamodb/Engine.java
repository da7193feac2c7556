package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.rocksdb.WriteBatch;

/**
 * The DynamoDB operations the product sends, on tables in {@link Storage}, requests and
 * responses in the service's JSON.
 *
 * <p>Operations: CreateTable (HASH and optional RANGE key, global secondary indexes with
 * KEYS_ONLY, ALL or INCLUDE projections; tables are ACTIVE at once), ListTables, DescribeTable, PutItem,
 * GetItem, UpdateItem, DeleteItem (ConditionExpression), Query (table or index; key conditions
 * {@code =, <, <=, >, >=, BETWEEN, begins_with} on the sort key; ScanIndexForward, Limit,
 * ExclusiveStartKey, ProjectionExpression), BatchGetItem (up to 100 keys) and BatchWriteItem
 * (up to 25 puts and deletes, checked whole before any is written). Every other operation, and
 * every parameter of these that the product does not send, is refused by name; so is whatever
 * the service refuses (reserved words, unused expression names and values, key and item sizes,
 * key types, updates of keys, duplicate keys in a batch).
 *
 * <p>Atomicity: writes take striped locks on the items they touch (in one order, so batches
 * cannot deadlock), read the current items, check conditions, and write each item with its
 * index entries in one batch of the storage engine. Reads take no lock: the engine shows each
 * write whole.
 */
final class Engine implements AutoCloseable {

    private static final int MAX_ITEM_BYTES = 400 * 1024;
    private static final int MAX_PAGE_BYTES = 1024 * 1024;
    private static final long MAX_BATCH_GET_BYTES = 16L * 1024 * 1024;
    private static final byte[] META = {0, 0, 0, 0, 0};
    private static final java.util.regex.Pattern TABLE_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[#:][A-Za-z0-9_]+");

    /** Parameters each operation takes; anything else is refused by name. */
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "CreateTable", Set.of("TableName", "AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode",
                    "ProvisionedThroughput"),
            "ListTables", Set.of("ExclusiveStartTableName", "Limit"),
            "DescribeTable", Set.of("TableName"),
            "PutItem", Set.of("TableName", "Item", "ConditionExpression", "ExpressionAttributeNames",
                    "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity"),
            "GetItem", Set.of("TableName", "Key", "ConsistentRead", "ProjectionExpression", "ExpressionAttributeNames", "ReturnConsumedCapacity"),
            "UpdateItem", Set.of("TableName", "Key", "UpdateExpression", "ConditionExpression", "ExpressionAttributeNames",
                    "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity"),
            "DeleteItem", Set.of("TableName", "Key", "ConditionExpression", "ExpressionAttributeNames",
                    "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity"),
            "Query", Set.of("TableName", "IndexName", "KeyConditionExpression", "ExpressionAttributeNames",
                    "ExpressionAttributeValues", "ScanIndexForward", "Limit", "ExclusiveStartKey", "ProjectionExpression",
                    "ConsistentRead", "ReturnConsumedCapacity"),
            "BatchGetItem", Set.of("RequestItems", "ReturnConsumedCapacity"),
            "BatchWriteItem", Set.of("RequestItems", "ReturnConsumedCapacity"));
    private static final Set<String> BATCH_GET_PARAMETERS = Set.of("Keys", "ProjectionExpression", "ExpressionAttributeNames",
            "ConsistentRead");
    /** Operations of the service that nothing here sends. */
    private static final Set<String> NOT_IMPLEMENTED = Set.of("Scan", "DeleteTable", "UpdateTable",
            "TransactWriteItems", "TransactGetItems", "UpdateTimeToLive", "DescribeTimeToLive", "ExecuteStatement",
            "BatchExecuteStatement", "ExecuteTransaction", "DescribeLimits", "TagResource", "UntagResource",
            "ListTagsOfResource", "CreateBackup", "DescribeContinuousBackups", "DescribeEndpoints");

    private final Storage storage;
    private final Capacity capacity = new Capacity();
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[1024];
    private int lastTableId;

    Capacity capacity() {
        return capacity;
    }

    /** The response with the request's consumed capacity when it asked for it (TOTAL or INDEXES). */
    private static ObjectNode withCapacity(ObjectNode response, JsonNode request, List<Capacity.Consumed> consumed, boolean many) {
        String mode = request.path("ReturnConsumedCapacity").asText("NONE");
        if (!mode.equals("NONE")) {
            response.set("ConsumedCapacity", many ? Capacity.answers(consumed, mode) : Capacity.answer(consumed.get(0), mode));
        }
        return response;
    }

    private static String partitionKey(JsonNode item, String attribute) {
        return Values.content(item.get(attribute)).asText();
    }

    /**
     * Bills a write: the table one unit per started 1 KB of the larger of the item before and after,
     * and each index whose entry is added, changed or removed its own writes.
     */
    private void billWrite(Capacity.Consumed consumed, Table table, ObjectNode key, ObjectNode old, ObjectNode updated) {
        billWrite(consumed, table, key, old, updated, updated == null ? 0 : Values.size(updated));
    }

    /** @param updatedSize the size of {@code updated} (0 when null), known already to a batch that checked it */
    private void billWrite(Capacity.Consumed consumed, Table table, ObjectNode key, ObjectNode old, ObjectNode updated,
                           int updatedSize) {
        int size = Math.max(old == null ? 0 : Values.size(old), updatedSize);
        capacity.record(consumed, null, partitionKey(key, table.hashKey), 0, Capacity.writeUnits(size));
        for (Table.Index index : table.indexes) {
            byte[] before = old == null ? null : index.entryKey(old, table);
            byte[] after = updated == null ? null : index.entryKey(updated, table);
            if (before != null && after != null && Arrays.equals(before, after)) {
                ObjectNode was = index.project(old, table);
                ObjectNode is = index.project(updated, table);
                if (!was.equals(is)) {
                    capacity.record(consumed, index.name, partitionKey(updated, index.hashKey), 0, Capacity.writeUnits(Values.size(is)));
                }
                continue;
            }
            if (before != null) {
                capacity.record(consumed, index.name, partitionKey(old, index.hashKey), 0,
                        Capacity.writeUnits(Values.size(index.project(old, table))));
            }
            if (after != null) {
                capacity.record(consumed, index.name, partitionKey(updated, index.hashKey), 0,
                        Capacity.writeUnits(Values.size(index.project(updated, table))));
            }
        }
    }

    Engine(Storage storage) {
        this.storage = storage;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        storage.range(META, null, null, true, (key, value) -> {
            ObjectNode definition = Values.read(value);
            int id = definition.path("TableId").asInt();
            tables.put(definition.path("TableName").asText(), new Table(definition, id));
            lastTableId = Math.max(lastTableId, id);
            return true;
        });
    }

    JsonNode handle(String operation, JsonNode request) {
        if (!request.isObject()) {
            throw new DynamoDbException("SerializationException", "the request body must be a JSON object");
        }
        Set<String> parameters = PARAMETERS.get(operation);
        if (parameters == null) {
            if (NOT_IMPLEMENTED.contains(operation)) {
                throw DynamoDbException.validation("operation " + operation + " is not supported by the local DynamoDB server"
                        + " (nothing in the product sends it)");
            }
            throw new DynamoDbException("UnknownOperationException", "An unknown operation was requested: " + operation);
        }
        checkParameters(operation, request, parameters);
        return switch (operation) {
            case "CreateTable" -> createTable((ObjectNode) request);
            case "ListTables" -> listTables(request);
            case "DescribeTable" -> Values.JSON.objectNode().set("Table", describe(table(request.path("TableName").asText())));
            case "PutItem", "UpdateItem", "DeleteItem" -> conditionalWrite(prepare(operation, request));
            case "GetItem" -> getItem(request);
            case "Query" -> query(request);
            case "BatchGetItem" -> batchGet(request);
            case "BatchWriteItem" -> batchWrite(request);
            default -> throw new IllegalStateException(operation);
        };
    }

    private static void checkParameters(String operation, JsonNode request, Set<String> allowed) {
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw DynamoDbException.validation(operation + " parameter " + name + " is not supported by the local DynamoDB"
                        + " server (nothing in the product sends it)");
            }
        }
        String capacity = request.path("ReturnConsumedCapacity").asText("NONE");
        if (!Set.of("NONE", "TOTAL", "INDEXES").contains(capacity)) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + capacity + "' at 'returnConsumedCapacity'"
                    + " failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
        }
        String returnValues = request.path("ReturnValues").asText("NONE");
        if (!returnValues.equals("NONE")) {
            throw DynamoDbException.validation("ReturnValues " + returnValues + " is not supported by the local DynamoDB server");
        }
    }

    // ---------- tables ----------

    private synchronized JsonNode createTable(ObjectNode request) {
        String name = request.path("TableName").asText();
        if (!TABLE_NAME.matcher(name).matches()) {
            throw DynamoDbException.validation("TableName must be 3 to 255 of a-z, A-Z, 0-9, '_', '-' and '.': " + name);
        }
        checkSchema(request);
        if (tables.containsKey(name)) {
            throw new DynamoDbException("ResourceInUseException", "Table already exists: " + name);
        }
        ObjectNode definition = request.deepCopy();
        definition.put("TableId", ++lastTableId);
        Table table = new Table(definition, lastTableId);
        try (WriteBatch batch = new WriteBatch()) {
            byte[] name8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] key = Arrays.copyOf(META, META.length + name8.length);
            System.arraycopy(name8, 0, key, META.length, name8.length);
            batch.put(key, Values.bytes(definition));
            storage.write(batch);
        } catch (org.rocksdb.RocksDBException e) {
            throw new IllegalStateException(e);
        }
        tables.put(name, table);
        return Values.JSON.objectNode().set("TableDescription", describe(table));
    }

    /** What DescribeTable tells of a table: its name, keys and indexes, ACTIVE (no item counts: nothing reads them). */
    private static ObjectNode describe(Table table) {
        ObjectNode description = Values.JSON.objectNode();
        description.put("TableName", table.name);
        description.put("TableStatus", "ACTIVE");
        description.put("TableArn", "arn:aws:dynamodb:local:000000000000:table/" + table.name);
        description.set("KeySchema", table.definition.path("KeySchema"));
        description.set("AttributeDefinitions", table.definition.path("AttributeDefinitions"));
        description.putObject("BillingModeSummary").put("BillingMode", "PAY_PER_REQUEST");
        if (!table.indexes.isEmpty()) {
            ArrayNode indexes = description.putArray("GlobalSecondaryIndexes");
            for (JsonNode index : table.definition.path("GlobalSecondaryIndexes")) {
                ObjectNode copy = index.deepCopy();
                copy.remove("ProvisionedThroughput");
                copy.put("IndexStatus", "ACTIVE");
                indexes.add(copy);
            }
        }
        return description;
    }

    /** The checks CreateTable makes of billing, key schemas, attribute definitions and indexes. */
    private static void checkSchema(JsonNode request) {
        String billing = request.path("BillingMode").asText("PROVISIONED");
        if (!Set.of("PROVISIONED", "PAY_PER_REQUEST").contains(billing)) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + billing + "' at 'billingMode' failed to"
                    + " satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
        boolean provisioned = billing.equals("PROVISIONED");
        checkThroughput(request, provisioned, "the table");
        JsonNode indexList = request.get("GlobalSecondaryIndexes");
        if (indexList != null && (!indexList.isArray() || indexList.isEmpty() || indexList.size() > 20)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: " + (indexList.size() > 20
                    ? "GlobalSecondaryIndex count exceeds the per-table limit of 20" : "List of GlobalSecondaryIndexes is empty"));
        }
        for (JsonNode index : request.path("GlobalSecondaryIndexes")) {
            checkThroughput(index, provisioned, "index " + index.path("IndexName").asText());
        }
        Map<String, String> defined = new HashMap<>();
        for (JsonNode definition : request.path("AttributeDefinitions")) {
            String type = definition.path("AttributeType").asText();
            if (!Set.of("S", "N", "B").contains(type)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: AttributeType " + type
                        + " of " + definition.path("AttributeName").asText() + " is not S, N or B");
            }
            if (defined.put(definition.path("AttributeName").asText(), type) != null) {
                throw DynamoDbException.validation("Cannot have two attributes with the same name: "
                        + definition.path("AttributeName").asText());
            }
        }
        Set<String> keys = new HashSet<>(checkKeySchema(request.path("KeySchema"), defined, "the table"));
        Set<String> indexNames = new HashSet<>();
        for (JsonNode index : request.path("GlobalSecondaryIndexes")) {
            String indexName = index.path("IndexName").asText();
            if (!indexNames.add(indexName) || !TABLE_NAME.matcher(indexName).matches()) {
                throw DynamoDbException.validation("One or more parameter values were invalid: index name " + indexName
                        + " is repeated or not a valid name");
            }
            keys.addAll(checkKeySchema(index.path("KeySchema"), defined, "index " + indexName));
            String projection = index.path("Projection").path("ProjectionType").asText("");
            if (!Set.of("ALL", "KEYS_ONLY", "INCLUDE").contains(projection)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: index " + indexName
                        + " needs a ProjectionType of ALL, KEYS_ONLY or INCLUDE");
            }
            if (!projection.equals("INCLUDE") && index.path("Projection").has("NonKeyAttributes")) {
                throw DynamoDbException.validation("One or more parameter values were invalid: NonKeyAttributes is only"
                        + " valid with ProjectionType INCLUDE (index " + indexName + ")");
            }
        }
        if (!keys.equals(defined.keySet())) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Number of attributes in KeySchema"
                    + " does not exactly match number of attributes defined in AttributeDefinitions (keys " + keys
                    + ", defined " + defined.keySet() + ")");
        }
    }

    /** PROVISIONED needs ProvisionedThroughput (of at least 1 and 1); PAY_PER_REQUEST refuses it. */
    private static void checkThroughput(JsonNode request, boolean provisioned, String of) {
        JsonNode throughput = request.get("ProvisionedThroughput");
        if (!provisioned && throughput != null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor"
                    + " WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST (" + of + ")");
        }
        if (provisioned && (throughput == null || throughput.path("ReadCapacityUnits").asLong(0) < 1
                || throughput.path("WriteCapacityUnits").asLong(0) < 1)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ReadCapacityUnits and"
                    + " WriteCapacityUnits must both be specified, at least 1, when BillingMode is PROVISIONED (" + of + ")");
        }
    }

    private static List<String> checkKeySchema(JsonNode schema, Map<String, String> defined, String of) {
        List<String> keys = new ArrayList<>();
        if (!schema.isArray() || schema.isEmpty() || schema.size() > 2
                || !schema.get(0).path("KeyType").asText().equals("HASH")
                || (schema.size() == 2 && !schema.get(1).path("KeyType").asText().equals("RANGE"))) {
            throw DynamoDbException.validation("Invalid KeySchema of " + of + ": a HASH key, then optionally a RANGE key");
        }
        for (JsonNode key : schema) {
            String name = key.path("AttributeName").asText();
            if (!defined.containsKey(name)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Some index key attributes are"
                        + " not defined in AttributeDefinitions. Keys: [" + name + "] (" + of + ")");
            }
            keys.add(name);
        }
        if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
            throw DynamoDbException.validation("Invalid KeySchema of " + of + ": the HASH and RANGE keys are one attribute");
        }
        return keys;
    }

    /** Table names in order, at most Limit (default and most 100) a page, after ExclusiveStartTableName. */
    private JsonNode listTables(JsonNode request) {
        int limit = request.path("Limit").asInt(100);
        if (limit < 1 || limit > 100) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'limit' failed to satisfy constraint:"
                    + " Member must have value between 1 and 100");
        }
        String after = request.path("ExclusiveStartTableName").asText("");
        List<String> names = tables.keySet().stream().sorted().filter(name -> name.compareTo(after) > 0).toList();
        ObjectNode response = Values.JSON.objectNode();
        ArrayNode page = response.putArray("TableNames");
        names.stream().limit(limit).forEach(page::add);
        if (names.size() > limit) {
            response.put("LastEvaluatedTableName", names.get(limit - 1));
        }
        return response;
    }

    private Table table(String name) {
        if (!TABLE_NAME.matcher(name).matches()) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to"
                    + " satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length"
                    + " between 3 and 255");
        }
        Table table = tables.get(name);
        if (table == null) {
            throw DynamoDbException.notFound("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    /**
     * ExpressionAttributeNames and Values as the service checks them: not empty, each name a
     * non-empty string, each value a valid attribute value (numbers normalised), and every one used
     * by one of the request's expressions (unused ones are a common cause of code that works
     * locally and fails on AWS).
     */
    private static void checkUsage(JsonNode request, String... expressionFields) {
        JsonNode names = request.get("ExpressionAttributeNames");
        if (names != null) {
            if (!names.isObject() || names.isEmpty()) {
                throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
            }
            names.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual() || e.getValue().asText().isEmpty()) {
                    throw DynamoDbException.validation("ExpressionAttributeNames contains invalid value: Empty attribute name"
                            + " for key " + e.getKey());
                }
            });
        }
        JsonNode values = request.get("ExpressionAttributeValues");
        if (values != null) {
            if (!values.isObject() || values.isEmpty()) {
                throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
            }
            values.fields().forEachRemaining(e -> Values.checkValue(e.getValue(), 1,
                    "ExpressionAttributeValues contains invalid value for key " + e.getKey()));
        }
        Set<String> used = new HashSet<>();
        for (String field : expressionFields) {
            if (request.hasNonNull(field)) {
                java.util.regex.Matcher token = TOKEN.matcher(request.get(field).asText());
                while (token.find()) {
                    used.add(token.group());
                }
            }
        }
        for (String parameter : new String[] {"ExpressionAttributeNames", "ExpressionAttributeValues"}) {
            JsonNode given = request.get(parameter);
            if (given == null) {
                continue;
            }
            List<String> unused = new ArrayList<>();
            given.fieldNames().forEachRemaining(key -> {
                if (!used.contains(key)) {
                    unused.add(key);
                }
            });
            if (!unused.isEmpty()) {
                throw DynamoDbException.validation("Value provided in " + parameter + " unused in expressions: keys: {"
                        + String.join(", ", unused) + "}");
            }
        }
    }

    // ---------- single-item writes ----------

    /** One prepared write: the item's key, its condition, and what it makes of the current item (null: delete it). */
    private record Write(Table table, ObjectNode key, Expressions.Condition condition, UnaryOperator<ObjectNode> change,
                         JsonNode request) {
    }

    private Write prepare(String operation, JsonNode request) {
        Table table = table(request.path("TableName").asText());
        checkUsage(request, "ConditionExpression", "UpdateExpression");
        Expressions.Condition condition = request.hasNonNull("ConditionExpression")
                ? Expressions.condition("ConditionExpression", request.get("ConditionExpression").asText(),
                        request.get("ExpressionAttributeNames"), request.get("ExpressionAttributeValues"))
                : null;
        switch (operation) {
            case "PutItem" -> {
                ObjectNode item = checkedItem(Values.checkItem(request.path("Item"), "Item"));
                table.checkItem(item);
                return new Write(table, table.keyOf(item), condition, old -> item, request);
            }
            case "DeleteItem" -> {
                return new Write(table, table.checkedKey(Values.checkItem(request.path("Key"), "Key")), condition, old -> null,
                        request);
            }
            default -> {
                ObjectNode key = table.checkedKey(Values.checkItem(request.path("Key"), "Key"));
                List<Expressions.Action> actions = request.hasNonNull("UpdateExpression")
                        ? Expressions.update(request.get("UpdateExpression").asText(), request.get("ExpressionAttributeNames"),
                                request.get("ExpressionAttributeValues"))
                        : List.of();
                for (Expressions.Action action : actions) {
                    if (action.target().equals(table.hashKey) || action.target().equals(table.rangeKey)) {
                        throw DynamoDbException.validation("One or more parameter values were invalid: Cannot update attribute "
                                + action.target() + ". This attribute is part of the key");
                    }
                }
                return new Write(table, key, condition, old -> {
                    // every value is worked out from the item as it was (SET a = b, b = a swaps them)
                    ObjectNode original = old == null ? key : old;
                    ObjectNode updated = original.deepCopy();
                    for (Expressions.Action action : actions) {
                        action.apply(updated, original);
                    }
                    ObjectNode checked = checkedItem(updated);
                    table.checkItem(checked);
                    return checked;
                }, request);
            }
        }
    }

    /** Under the item's lock: the current item checked against the condition, then replaced by what the write makes of it. */
    private JsonNode conditionalWrite(Write write) {
        Table table = write.table();
        byte[] storageKey = table.storageKey(write.key());
        List<ReentrantLock> locks = lock(List.of(storageKey));
        try {
            ObjectNode old = table.get(storage, write.key());
            Capacity.Consumed consumed = new Capacity.Consumed(table.name);
            if (write.condition() != null && !write.condition().test(old == null ? Values.JSON.objectNode() : old)) {
                // a failed condition still costs the write of the item as it is
                capacity.record(consumed, null, partitionKey(write.key(), table.hashKey), 0,
                        Capacity.writeUnits(old == null ? 0 : Values.size(old)));
                throw DynamoDbException.conditionFailed();
            }
            ObjectNode updated = write.change().apply(old);
            try (WriteBatch batch = new WriteBatch()) {
                table.change(batch, write.key(), old, updated);
                storage.write(batch);
            }
            billWrite(consumed, table, write.key(), old, updated);
            return withCapacity(Values.JSON.objectNode(), write.request(), List.of(consumed), false);
        } finally {
            unlock(locks);
        }
    }

    private static ObjectNode checkedItem(JsonNode item) {
        checkedSize(item);
        return (ObjectNode) item;
    }

    /** @return the size of an item that may be stored, as DynamoDB counts it */
    private static int checkedSize(JsonNode item) {
        if (!item.isObject() || item.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Item is required");
        }
        int size = Values.size(item);
        if (size > MAX_ITEM_BYTES) {
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
        return size;
    }

    /** Takes the stripes of the storage keys in ascending order (so that two batches cannot deadlock). */
    private List<ReentrantLock> lock(List<byte[]> storageKeys) {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (byte[] key : storageKeys) {
            indexes.add(Math.floorMod(Arrays.hashCode(key), stripes.length));
        }
        List<ReentrantLock> taken = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            stripes[index].lock();
            taken.add(stripes[index]);
        }
        return taken;
    }

    private static void unlock(List<ReentrantLock> locks) {
        for (int k = locks.size() - 1; k >= 0; k--) {
            locks.get(k).unlock();
        }
    }

    // ---------- reads ----------

    private JsonNode getItem(JsonNode request) {
        Table table = table(request.path("TableName").asText());
        checkUsage(request, "ProjectionExpression");
        List<String> projection = projection(request);
        ObjectNode key = table.checkedKey(Values.checkItem(request.path("Key"), "Key"));
        ObjectNode item = table.get(storage, key);
        ObjectNode response = Values.JSON.objectNode();
        if (item != null) {
            response.set("Item", Expressions.project(item, projection));
        }
        Capacity.Consumed consumed = new Capacity.Consumed(table.name);
        capacity.record(consumed, null, partitionKey(key, table.hashKey), Capacity.readUnits(item == null ? 0 : Values.size(item),
                request.path("ConsistentRead").asBoolean(false)), 0);
        return withCapacity(response, request, List.of(consumed), false);
    }

    private JsonNode query(JsonNode request) {
        Table table = table(request.path("TableName").asText());
        if (!request.hasNonNull("KeyConditionExpression")) {
            throw DynamoDbException.validation("Query needs a KeyConditionExpression (KeyConditions are not supported by the"
                    + " local DynamoDB server)");
        }
        checkUsage(request, "KeyConditionExpression", "ProjectionExpression");
        if (request.has("Limit") && request.get("Limit").asInt(0) < 1) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'limit' failed to satisfy constraint:"
                    + " Member must have value greater than or equal to 1");
        }
        String expression = request.get("KeyConditionExpression").asText();
        List<Expressions.KeyTerm> terms = Expressions.keyCondition(expression, request.get("ExpressionAttributeNames"),
                request.get("ExpressionAttributeValues"));
        Table.Index index = request.hasNonNull("IndexName") ? table.index(request.get("IndexName").asText()) : null;
        if (index != null && request.path("ConsistentRead").asBoolean(false)) {
            throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
        }
        String hashName = index == null ? table.hashKey : index.hashKey;
        String rangeName = index == null ? table.rangeKey : index.rangeKey;
        Expressions.KeyTerm hash = null;
        Expressions.KeyTerm range = null;
        for (Expressions.KeyTerm term : terms) {
            if (term.name().equals(hashName) && hash == null && term.op().equals("=")) {
                hash = term;
            } else if (term.name().equals(rangeName) && range == null) {
                range = term;
            } else {
                throw DynamoDbException.validation("Query key condition not supported (KeyConditionExpression " + expression
                        + "): the partition key " + hashName + " must be compared with =, and only it and the sort key "
                        + rangeName + " may appear");
            }
        }
        if (hash == null) {
            throw DynamoDbException.validation("Query condition missed key schema element: " + hashName);
        }
        checkConditionType(table, hash);
        if (range != null) {
            if (range.op().equals("begins_with") && table.declaredType(rangeName).equals("N")) {
                throw DynamoDbException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or"
                        + " function; operator or function: begins_with, operand type: N");
            }
            checkConditionType(table, range);
        }
        byte[] partition = index == null ? table.partitionPrefix(hash.low()) : index.partitionPrefix(hash.low());
        byte[][] bounds = bounds(partition, range);
        boolean forward = request.path("ScanIndexForward").asBoolean(true);
        JsonNode start = request.get("ExclusiveStartKey");
        if (start != null) {
            byte[] after = startKey(table, index, Values.checkItem(start, "ExclusiveStartKey"));
            byte[] low = bounds[0] != null ? bounds[0] : partition;
            byte[] high = bounds[1] != null ? bounds[1] : KeyCodec.successor(partition);
            if (Arrays.compareUnsigned(after, low) < 0 || (high != null && Arrays.compareUnsigned(after, high) >= 0)) {
                throw DynamoDbException.validation("The provided starting key is outside query boundaries based on provided"
                        + " conditions");
            }
            if (forward) {
                byte[] next = Arrays.copyOf(after, after.length + 1); // the least key after it
                bounds[0] = bounds[0] == null || Arrays.compareUnsigned(next, bounds[0]) > 0 ? next : bounds[0];
            } else {
                bounds[1] = bounds[1] == null || Arrays.compareUnsigned(after, bounds[1]) < 0 ? after : bounds[1];
            }
        }
        ObjectNode response = page(table, index, partition, bounds, forward, request);
        Capacity.Consumed consumed = new Capacity.Consumed(table.name);
        boolean consistent = index == null && request.path("ConsistentRead").asBoolean(false);
        capacity.record(consumed, index == null ? null : index.name, Values.content(hash.low()).asText(),
                Capacity.readUnits(response.remove("ReadBytes").asLong(), consistent), 0);
        return withCapacity(response, request, List.of(consumed), false);
    }

    private static void checkConditionType(Table table, Expressions.KeyTerm term) {
        String declared = table.declaredType(term.name());
        if (!Values.type(term.low()).equals(declared) || (term.high() != null && !Values.type(term.high()).equals(declared))) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Condition parameter type does not"
                    + " match schema type");
        }
    }

    /** [low inclusive, high exclusive] storage keys of a sort key condition within a partition (null: unbounded). */
    private static byte[][] bounds(byte[] partition, Expressions.KeyTerm range) {
        if (range == null) {
            return new byte[2][];
        }
        byte[] value = with(partition, range.low());
        return switch (range.op()) {
            case "=" -> new byte[][] {value, KeyCodec.successor(value)};
            case "<" -> new byte[][] {null, value};
            case "<=" -> new byte[][] {null, KeyCodec.successor(value)};
            case ">" -> new byte[][] {KeyCodec.successor(value), null};
            case ">=" -> new byte[][] {value, null};
            case "BETWEEN" -> new byte[][] {value, KeyCodec.successor(with(partition, range.high()))};
            case "begins_with" -> {
                byte[] prefix = KeyCodec.prefix(range.low());
                byte[] low = Arrays.copyOf(partition, partition.length + prefix.length);
                System.arraycopy(prefix, 0, low, partition.length, prefix.length);
                yield new byte[][] {low, KeyCodec.successor(low)};
            }
            default -> throw new IllegalStateException(range.op());
        };
    }

    private static byte[] with(byte[] partition, JsonNode value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(partition);
        KeyCodec.append(out, value);
        return out.toByteArray();
    }

    private static byte[] startKey(Table table, Table.Index index, JsonNode start) {
        ObjectNode key = table.keyOf(start);
        if (index == null) {
            if (start.size() != key.size()) {
                throw DynamoDbException.validation("The provided starting key is invalid: The provided key element does not"
                        + " match the schema");
            }
            return table.storageKey(key);
        }
        byte[] entry = index.entryKey(start, table);
        if (entry == null) {
            throw DynamoDbException.validation("The provided starting key is invalid: it lacks the index's keys");
        }
        return entry;
    }

    /** A page of items; {@code ReadBytes} in the answer (removed by the caller) is what the page read, for billing. */
    private ObjectNode page(Table table, Table.Index index, byte[] partition, byte[][] bounds, boolean forward, JsonNode request) {
        int limit = request.path("Limit").asInt(Integer.MAX_VALUE);
        List<String> projection = projection(request);
        ArrayNode items = Values.JSON.arrayNode();
        ObjectNode response = Values.JSON.objectNode();
        int[] bytes = {0};
        // like the service, a page that reaches the Limit or 1 MB ends with a LastEvaluatedKey, whether or not more follow
        storage.range(partition, bounds[0], bounds[1], forward, (key, value) -> {
            ObjectNode item = Values.read(value);
            items.add(Expressions.project(item, projection));
            bytes[0] += Values.size(item);
            if (items.size() >= limit || bytes[0] >= MAX_PAGE_BYTES) {
                response.set("LastEvaluatedKey", lastEvaluatedKey(table, index, item));
                return false;
            }
            return true;
        });
        response.set("Items", items);
        response.put("Count", items.size());
        response.put("ScannedCount", items.size());
        response.put("ReadBytes", bytes[0]);
        return response;
    }

    private static ObjectNode lastEvaluatedKey(Table table, Table.Index index, ObjectNode item) {
        ObjectNode key = table.keyOf(item);
        if (index != null) {
            key.set(index.hashKey, item.get(index.hashKey));
            if (index.rangeKey != null) {
                key.set(index.rangeKey, item.get(index.rangeKey));
            }
        }
        return key;
    }

    /**
     * Every key is checked first (at most 100, no duplicates); then items are read until the
     * response holds 16 MB, as the service does: the keys not read come back in UnprocessedKeys.
     */
    private JsonNode batchGet(JsonNode request) {
        record Wanted(Table table, String name, JsonNode request, byte[] storageKey, ObjectNode key) {
        }
        List<Wanted> wanted = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.path("RequestItems").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Table table = table(entry.getKey());
            checkParameters("BatchGetItem RequestItems." + entry.getKey(), entry.getValue(), BATCH_GET_PARAMETERS);
            checkUsage(entry.getValue(), "ProjectionExpression");
            projection(entry.getValue());
            Set<String> seen = new HashSet<>();
            for (JsonNode key : entry.getValue().path("Keys")) {
                if (wanted.size() == 100) {
                    throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
                }
                ObjectNode checked = table.checkedKey(Values.checkItem(key, "Keys"));
                byte[] storageKey = table.storageKey(checked);
                if (!seen.add(java.util.HexFormat.of().formatHex(storageKey))) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                wanted.add(new Wanted(table, entry.getKey(), entry.getValue(), storageKey, checked));
            }
        }
        if (wanted.isEmpty()) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy"
                    + " constraint: Member must have length greater than or equal to 1");
        }
        ObjectNode responses = Values.JSON.objectNode();
        ObjectNode unprocessed = Values.JSON.objectNode();
        Map<String, Capacity.Consumed> consumed = new java.util.LinkedHashMap<>();
        long bytes = 0;
        for (Wanted one : wanted) {
            ArrayNode found = responses.has(one.name()) ? (ArrayNode) responses.get(one.name()) : responses.putArray(one.name());
            if (bytes >= MAX_BATCH_GET_BYTES) {
                ObjectNode left = unprocessed.has(one.name()) ? (ObjectNode) unprocessed.get(one.name()) : unprocessed.putObject(one.name());
                if (!left.has("Keys")) {
                    left.setAll((ObjectNode) one.request().deepCopy());
                    left.putArray("Keys");
                }
                ((ArrayNode) left.get("Keys")).add(one.key());
                continue;
            }
            byte[] value = storage.get(one.storageKey());
            int size = 0;
            if (value != null) {
                ObjectNode item = Values.read(value);
                size = Values.size(item);
                bytes += size;
                found.add(Expressions.project(item, projection(one.request())));
            }
            capacity.record(consumed.computeIfAbsent(one.name(), Capacity.Consumed::new), null,
                    partitionKey(one.key(), one.table().hashKey), Capacity.readUnits(size,
                            one.request().path("ConsistentRead").asBoolean(false)), 0);
        }
        ObjectNode response = Values.JSON.objectNode();
        response.set("Responses", responses);
        response.set("UnprocessedKeys", unprocessed);
        return withCapacity(response, request, new ArrayList<>(consumed.values()), true);
    }

    /** One write of a batch: where, and the item to put (null: delete). */
    private record BatchEntry(Table table, ObjectNode key, byte[] storageKey, ObjectNode item, int itemSize) {
    }

    private JsonNode batchWrite(JsonNode request) {
        List<BatchEntry> entries = new ArrayList<>();
        Set<java.nio.ByteBuffer> seen = new HashSet<>();
        // the whole batch is checked before anything is written, as the service does
        for (Iterator<Map.Entry<String, JsonNode>> it = request.path("RequestItems").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tableRequests = it.next();
            Table table = table(tableRequests.getKey());
            for (JsonNode write : tableRequests.getValue()) {
                ObjectNode key;
                ObjectNode item = null;
                int itemSize = 0;
                if (write.has("PutRequest") && write.has("DeleteRequest")) {
                    throw DynamoDbException.validation("Supplied AttributeValue has more than one datatypes set: a write"
                            + " request holds one of PutRequest and DeleteRequest, not both");
                }
                if (write.has("PutRequest")) {
                    item = Values.checkItem(write.get("PutRequest").path("Item"), "Item");
                    itemSize = checkedSize(item);
                    table.checkItem(item);
                    key = table.keyOf(item);
                } else if (write.has("DeleteRequest")) {
                    key = table.checkedKey(Values.checkItem(write.get("DeleteRequest").path("Key"), "Key"));
                } else {
                    throw DynamoDbException.validation("a write request needs PutRequest or DeleteRequest");
                }
                byte[] storageKey = table.storageKey(key);
                // storage keys begin with their table's prefix: equal keys are the same item of the same table
                if (!seen.add(java.nio.ByteBuffer.wrap(storageKey))) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                entries.add(new BatchEntry(table, key, storageKey, item, itemSize));
            }
        }
        if (entries.isEmpty() || entries.size() > 25) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy"
                    + " constraint: a BatchWriteItem takes between 1 and 25 write requests (got " + entries.size() + ")");
        }
        List<ReentrantLock> locks = lock(entries.stream().map(BatchEntry::storageKey).toList());
        Map<String, Capacity.Consumed> consumed = new java.util.LinkedHashMap<>();
        try (WriteBatch batch = new WriteBatch()) {
            // the items as they are, read in one call (a batch's keys are mostly new, spread over the store)
            List<byte[]> stored = storage.getAll(entries.stream().map(BatchEntry::storageKey).toList());
            List<ObjectNode> olds = new ArrayList<>(entries.size());
            for (int k = 0; k < entries.size(); k++) {
                BatchEntry entry = entries.get(k);
                ObjectNode old = stored.get(k) == null ? null : Values.read(stored.get(k));
                olds.add(old);
                entry.table().change(batch, entry.key(), old, entry.item());
            }
            storage.write(batch);
            for (int k = 0; k < entries.size(); k++) {
                BatchEntry entry = entries.get(k);
                billWrite(consumed.computeIfAbsent(entry.table().name, Capacity.Consumed::new), entry.table(), entry.key(),
                        olds.get(k), entry.item(), entry.itemSize());
            }
        } finally {
            unlock(locks);
        }
        ObjectNode response = Values.JSON.objectNode();
        response.putObject("UnprocessedItems");
        return withCapacity(response, request, new ArrayList<>(consumed.values()), true);
    }

    private static List<String> projection(JsonNode request) {
        return request.hasNonNull("ProjectionExpression")
                ? Expressions.projection(request.get("ProjectionExpression").asText(), request.get("ExpressionAttributeNames"))
                : null;
    }

    /**
     * Checks that every item agrees with its index entries and every index entry with an item
     * (the store's invariant: they change together in one write batch). Reads everything: for
     * tests and benchmarks. @return the disagreements, at most 20
     */
    List<String> integrityProblems() {
        List<String> problems = new ArrayList<>();
        for (Table table : tables.values()) {
            storage.range(table.itemsPrefix(), null, null, true, (key, value) -> {
                ObjectNode item = Values.read(value);
                if (!Arrays.equals(key, table.storageKey(table.keyOf(item)))) {
                    problems.add(table.name + ": item " + table.keyOf(item) + " is stored under another key");
                }
                for (Table.Index index : table.indexes) {
                    byte[] entry = index.entryKey(item, table);
                    if (entry != null) {
                        byte[] stored = storage.get(entry);
                        if (stored == null || !Values.read(stored).equals(index.project(item, table))) {
                            problems.add(table.name + "." + index.name + ": item " + table.keyOf(item) + " has "
                                    + (stored == null ? "no index entry" : "a stale index entry"));
                        }
                    }
                }
                return problems.size() < 20;
            });
            for (Table.Index index : table.indexes) {
                storage.range(index.entriesPrefix(), null, null, true, (key, value) -> {
                    ObjectNode projected = Values.read(value);
                    ObjectNode item = table.get(storage, table.keyOf(projected));
                    if (item == null || !Arrays.equals(key, index.entryKey(item, table))) {
                        problems.add(table.name + "." + index.name + ": entry for " + table.keyOf(projected)
                                + (item == null ? " has no item" : " does not match its item"));
                    }
                    return problems.size() < 20;
                });
            }
        }
        return problems;
    }

    void awaitIdle() throws InterruptedException {
        storage.awaitIdle();
    }

    @Override
    public void close() {
        storage.close();
    }
}
