package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;

/**
 * The DynamoDB operations the project uses, on tables in memory, requests and responses in
 * the service's JSON. Anything else is refused by name.
 *
 * <p>Operations: CreateTable (HASH and optional RANGE key, global secondary indexes with
 * KEYS_ONLY, ALL or INCLUDE projections; billing settings ignored; tables are ACTIVE at once),
 * DescribeTable, ListTables, DeleteTable, UpdateTimeToLive and DescribeTimeToLive (stored, no
 * expiry), PutItem, GetItem, UpdateItem, DeleteItem (ConditionExpression, ReturnValues,
 * ReturnValuesOnConditionCheckFailure), Query (table or index; key conditions {@code =, <, <=,
 * >, >=, BETWEEN, begins_with} on the sort key; ScanIndexForward, Limit, ExclusiveStartKey,
 * FilterExpression, ProjectionExpression, Select COUNT), Scan (Limit, ExclusiveStartKey,
 * FilterExpression, ProjectionExpression; no segments), BatchGetItem (up to 100 keys),
 * BatchWriteItem (up to 25 puts and deletes, checked whole before any is written; nothing is
 * ever left unprocessed) and TransactWriteItems (Put, Update, Delete, ConditionCheck; all or
 * nothing, TransactionCanceledException with a reason per action).
 *
 * <p>Refused with a ValidationException naming what is unsupported: other operations, the
 * legacy parameters (Expected, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter,
 * AttributesToGet, ConditionalOperator), local secondary indexes, parallel scans, scans of an
 * index, list elements in a ProjectionExpression, and any expression syntax {@link Expressions}
 * does not know. Like the service, it also refuses unused expression names and values,
 * updates of key attributes, overlapping update paths, key and index key values of the wrong
 * type or empty, and items over 400 KB.
 */
final class Engine {

    private static final int MAX_ITEM_BYTES = 400 * 1024;
    private static final int MAX_PAGE_BYTES = 1024 * 1024;

    private static final java.util.regex.Pattern TABLE_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[#:][A-Za-z0-9_]+");

    final Map<String, Table> tables = new ConcurrentHashMap<>();

    JsonNode handle(String operation, JsonNode request) {
        if (!request.isObject()) {
            throw DynamoDbException.validation("the request body must be a JSON object");
        }
        return switch (operation) {
            case "CreateTable" -> createTable((ObjectNode) request);
            case "DescribeTable" -> Values.JSON.objectNode().set("Table", describe(table(request)));
            case "ListTables" -> listTables();
            case "DeleteTable" -> deleteTable(request);
            case "UpdateTimeToLive" -> updateTimeToLive(request);
            case "DescribeTimeToLive" -> describeTimeToLive(request);
            case "PutItem" -> putItem(request);
            case "GetItem" -> getItem(request);
            case "DeleteItem" -> deleteItem(request);
            case "UpdateItem" -> updateItem(request);
            case "Query" -> query(request);
            case "Scan" -> scan(request);
            case "BatchGetItem" -> batchGet(request);
            case "BatchWriteItem" -> batchWrite(request);
            case "TransactWriteItems" -> transactWrite(request);
            default -> throw DynamoDbException.validation("operation " + operation + " is not supported by the local emulator");
        };
    }

    // ---------- tables ----------

    private JsonNode createTable(ObjectNode request) {
        String name = request.path("TableName").asText();
        if (!TABLE_NAME.matcher(name).matches()) {
            throw DynamoDbException.validation("TableName must be 3 to 255 of a-z, A-Z, 0-9, '_', '-' and '.': " + name);
        }
        checkSchema(request);
        Table table = new Table(request.deepCopy());
        if (tables.putIfAbsent(name, table) != null) {
            throw new DynamoDbException("ResourceInUseException", "Table already exists: " + name);
        }
        return Values.JSON.objectNode().set("TableDescription", describe(table));
    }

    /** The checks CreateTable makes of key schemas, attribute definitions and indexes. */
    private static void checkSchema(JsonNode request) {
        Map<String, String> defined = new java.util.HashMap<>();
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
        Set<String> keys = new java.util.HashSet<>();
        keys.addAll(checkKeySchema(request.path("KeySchema"), defined, "the table"));
        Set<String> indexNames = new java.util.HashSet<>();
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

    /**
     * The service refuses names and values that none of the request's expressions use
     * (a common cause of code that works locally and fails on AWS), so the emulator does too.
     */
    private static void checkUsage(JsonNode request, String... expressionFields) {
        JsonNode names = request.get("ExpressionAttributeNames");
        JsonNode values = request.get("ExpressionAttributeValues");
        if ((names == null || names.isEmpty()) && (values == null || values.isEmpty())) {
            return;
        }
        Set<String> used = new java.util.HashSet<>();
        for (String field : expressionFields) {
            if (request.hasNonNull(field)) {
                java.util.regex.Matcher token = TOKEN.matcher(request.get(field).asText());
                while (token.find()) {
                    used.add(token.group());
                }
            }
        }
        for (JsonNode given : new JsonNode[] {names, values}) {
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
                throw DynamoDbException.validation("Value provided in " + (given == names ? "ExpressionAttributeNames"
                        : "ExpressionAttributeValues") + " unused in expressions: keys: {" + String.join(", ", unused) + "}");
            }
        }
    }

    Table restore(ObjectNode definition) {
        Table table = new Table(definition);
        tables.put(table.name, table);
        return table;
    }

    private Table table(JsonNode request) {
        return table(request.path("TableName").asText());
    }

    private Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw DynamoDbException.notFound("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    private ObjectNode describe(Table table) {
        ObjectNode description = Values.JSON.objectNode();
        description.put("TableName", table.name);
        description.put("TableStatus", "ACTIVE");
        description.put("TableArn", "arn:aws:dynamodb:local:000000000000:table/" + table.name);
        description.set("KeySchema", table.definition.path("KeySchema"));
        description.set("AttributeDefinitions", table.definition.path("AttributeDefinitions"));
        description.put("ItemCount", table.itemCount());
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

    private JsonNode listTables() {
        ObjectNode response = Values.JSON.objectNode();
        ArrayNode names = response.putArray("TableNames");
        tables.keySet().stream().sorted().forEach(names::add);
        return response;
    }

    private JsonNode deleteTable(JsonNode request) {
        Table table = table(request);
        tables.remove(table.name);
        return Values.JSON.objectNode().set("TableDescription", describe(table));
    }

    private JsonNode updateTimeToLive(JsonNode request) {
        Table table = table(request);
        Lock lock = table.lock.writeLock();
        lock.lock();
        try {
            table.definition.set("TimeToLiveSpecification", request.path("TimeToLiveSpecification"));
            table.version++;
        } finally {
            lock.unlock();
        }
        return Values.JSON.objectNode().set("TimeToLiveSpecification", request.path("TimeToLiveSpecification"));
    }

    private JsonNode describeTimeToLive(JsonNode request) {
        JsonNode spec = table(request).definition.path("TimeToLiveSpecification");
        ObjectNode description = Values.JSON.objectNode();
        description.put("TimeToLiveStatus", spec.path("Enabled").asBoolean(false) ? "ENABLED" : "DISABLED");
        if (spec.has("AttributeName")) {
            description.put("AttributeName", spec.get("AttributeName").asText());
        }
        return Values.JSON.objectNode().set("TimeToLiveDescription", description);
    }

    // ---------- items ----------

    /**
     * One prepared single-item write: the item's key, its ConditionExpression, and what the
     * write makes of the current item ({@code change} returns null to delete it; a
     * ConditionCheck has no change at all).
     */
    private record Write(Table table, ObjectNode key, Expressions.Condition condition,
                         java.util.function.UnaryOperator<ObjectNode> change, JsonNode request) {
        boolean allowed(ObjectNode old) {
            return condition == null || condition.test(old == null ? Values.JSON.objectNode() : old);
        }

        boolean returnOldOnFailure() {
            return "ALL_OLD".equals(request.path("ReturnValuesOnConditionCheckFailure").asText());
        }
    }

    /** Reads a Put, Update, Delete or ConditionCheck (the single-item operations and TransactWriteItems' parts). */
    private Write prepare(String kind, JsonNode request) {
        if (request.has("Expected") || request.has("AttributeUpdates") || request.has("ConditionalOperator")) {
            throw DynamoDbException.validation("legacy Expected/AttributeUpdates/ConditionalOperator parameters are not"
                    + " supported by the local emulator; use expressions");
        }
        Table table = table(request);
        checkUsage(request, "ConditionExpression", "UpdateExpression");
        Expressions.Condition condition = condition(request, "ConditionExpression");
        switch (kind) {
            case "Put" -> {
                ObjectNode item = checkedItem(request.path("Item"));
                table.checkItem(item);
                return new Write(table, table.keyOf(item), condition, old -> item, request);
            }
            case "Delete" -> {
                return new Write(table, table.keyOf(request.path("Key")), condition, old -> null, request);
            }
            case "ConditionCheck" -> {
                if (condition == null) {
                    throw DynamoDbException.validation("ConditionCheck needs a ConditionExpression");
                }
                return new Write(table, table.keyOf(request.path("Key")), condition, null, request);
            }
            case "Update" -> {
                ObjectNode key = table.keyOf(request.path("Key"));
                List<Expressions.Action> actions = request.hasNonNull("UpdateExpression")
                        ? Expressions.update(request.get("UpdateExpression").asText(), request.get("ExpressionAttributeNames"),
                                request.get("ExpressionAttributeValues"))
                        : List.of();
                for (Expressions.Action action : actions) {
                    String top = action.target().top();
                    if (top.equals(table.hashKey) || top.equals(table.rangeKey)) {
                        throw DynamoDbException.validation("One or more parameter values were invalid: Cannot update attribute "
                                + top + ". This attribute is part of the key");
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
            default -> throw new IllegalArgumentException(kind);
        }
    }

    private JsonNode putItem(JsonNode request) {
        return conditionalWrite(prepare("Put", request));
    }

    private JsonNode deleteItem(JsonNode request) {
        return conditionalWrite(prepare("Delete", request));
    }

    private JsonNode updateItem(JsonNode request) {
        return conditionalWrite(prepare("Update", request));
    }

    /**
     * Every single-item write: under the table's write lock, the current item is checked
     * against the ConditionExpression, replaced by what the write makes of it, and the
     * ReturnValues answered.
     */
    private JsonNode conditionalWrite(Write write) {
        Table table = write.table();
        Lock lock = table.lock.writeLock();
        lock.lock();
        try {
            ObjectNode old = table.get(write.key());
            if (!write.allowed(old)) {
                DynamoDbException failed = DynamoDbException.conditionFailed();
                if (old != null && write.returnOldOnFailure()) {
                    failed.detail().set("Item", old);
                }
                throw failed;
            }
            ObjectNode updated = write.change().apply(old);
            if (updated == null) {
                table.delete(write.key());
            } else {
                table.put(updated);
            }
            return returnValues(write.request(), old, updated);
        } finally {
            lock.unlock();
        }
    }

    /**
     * All or nothing: the tables' write locks are taken (in name order), every condition is
     * checked, every new item made and checked, and only then is anything stored. A failed
     * condition cancels the lot with a reason per action, as the service does.
     */
    private JsonNode transactWrite(JsonNode request) {
        JsonNode parts = request.path("TransactItems");
        if (!parts.isArray() || parts.isEmpty() || parts.size() > 100) {
            throw DynamoDbException.validation("TransactItems must hold between 1 and 100 actions");
        }
        List<Write> writes = new ArrayList<>();
        Set<String> items = new java.util.HashSet<>();
        java.util.TreeMap<String, Table> involved = new java.util.TreeMap<>();
        for (JsonNode part : parts) {
            if (part.size() != 1) {
                throw DynamoDbException.validation("each TransactItems entry holds exactly one of Put, Update, Delete, ConditionCheck");
            }
            String kind = part.fieldNames().next();
            if (!Set.of("Put", "Update", "Delete", "ConditionCheck").contains(kind)) {
                throw DynamoDbException.validation("unknown TransactItems action " + kind);
            }
            Write write = prepare(kind, part.get(kind));
            if (!items.add(write.table().name + "\u0000" + write.table().identity(write.key()))) {
                throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
            }
            writes.add(write);
            involved.put(write.table().name, write.table());
        }
        List<Lock> locks = new ArrayList<>();
        try {
            for (Table table : involved.values()) {
                Lock lock = table.lock.writeLock();
                lock.lock();
                locks.add(lock);
            }
            ObjectNode[] olds = new ObjectNode[writes.size()];
            ArrayNode reasons = Values.JSON.arrayNode();
            List<String> codes = new ArrayList<>();
            boolean cancelled = false;
            for (int k = 0; k < writes.size(); k++) {
                Write write = writes.get(k);
                olds[k] = write.table().get(write.key());
                ObjectNode reason = reasons.addObject();
                if (write.allowed(olds[k])) {
                    reason.put("Code", "None");
                    codes.add("None");
                } else {
                    cancelled = true;
                    reason.put("Code", "ConditionalCheckFailed");
                    reason.put("Message", "The conditional request failed");
                    if (olds[k] != null && write.returnOldOnFailure()) {
                        reason.set("Item", olds[k]);
                    }
                    codes.add("ConditionalCheckFailed");
                }
            }
            if (cancelled) {
                DynamoDbException failed = new DynamoDbException("TransactionCanceledException",
                        "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes);
                failed.detail().set("CancellationReasons", reasons);
                throw failed;
            }
            ObjectNode[] updated = new ObjectNode[writes.size()];
            for (int k = 0; k < writes.size(); k++) {
                Write write = writes.get(k);
                updated[k] = write.change() == null ? null : write.change().apply(olds[k]);
            }
            for (int k = 0; k < writes.size(); k++) {
                Write write = writes.get(k);
                if (write.change() == null) {
                    continue;
                }
                if (updated[k] == null) {
                    write.table().delete(write.key());
                } else {
                    write.table().put(updated[k]);
                }
            }
            return Values.JSON.objectNode();
        } finally {
            for (int k = locks.size() - 1; k >= 0; k--) {
                locks.get(k).unlock();
            }
        }
    }

    private JsonNode getItem(JsonNode request) {
        Table table = table(request);
        Lock lock = table.lock.readLock();
        lock.lock();
        try {
            checkUsage(request, "ProjectionExpression");
            List<Expressions.Path> paths = projection(request);
            ObjectNode item = table.get(table.keyOf(request.path("Key")));
            ObjectNode response = Values.JSON.objectNode();
            if (item != null) {
                response.set("Item", project(item, paths));
            }
            return response;
        } finally {
            lock.unlock();
        }
    }

    private static JsonNode returnValues(JsonNode request, ObjectNode old, ObjectNode updated) {
        ObjectNode response = Values.JSON.objectNode();
        String mode = request.path("ReturnValues").asText("NONE");
        switch (mode) {
            case "NONE" -> {
            }
            case "ALL_OLD" -> {
                if (old != null) {
                    response.set("Attributes", old);
                }
            }
            case "ALL_NEW" -> {
                if (updated != null) {
                    response.set("Attributes", updated);
                }
            }
            case "UPDATED_NEW", "UPDATED_OLD" -> {
                ObjectNode source = mode.equals("UPDATED_NEW") ? updated : old;
                ObjectNode changed = Values.JSON.objectNode();
                if (source != null) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        JsonNode other = mode.equals("UPDATED_NEW") ? (old == null ? null : old.get(e.getKey()))
                                : (updated == null ? null : updated.get(e.getKey()));
                        if (other == null || !Values.equal(other, e.getValue())) {
                            changed.set(e.getKey(), e.getValue());
                        }
                    }
                }
                response.set("Attributes", changed);
            }
            default -> throw DynamoDbException.validation("ReturnValues " + mode + " is not valid here");
        }
        return response;
    }

    private static ObjectNode checkedItem(JsonNode item) {
        if (!item.isObject()) {
            throw DynamoDbException.validation("Item is required");
        }
        if (Values.size(item) > MAX_ITEM_BYTES) {
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
        return (ObjectNode) item;
    }

    // ---------- reads ----------

    private JsonNode query(JsonNode request) {
        Table table = table(request);
        if (!request.hasNonNull("KeyConditionExpression")) {
            throw DynamoDbException.validation("KeyConditionExpression is required (KeyConditions are not supported by the local emulator)");
        }
        if (request.has("QueryFilter") || request.has("AttributesToGet") || request.has("ConditionalOperator")) {
            throw DynamoDbException.validation("legacy QueryFilter/AttributesToGet/ConditionalOperator parameters are not"
                    + " supported by the local emulator; use expressions");
        }
        checkUsage(request, "KeyConditionExpression", "FilterExpression", "ProjectionExpression");
        checkLimit(request);
        String expression = request.get("KeyConditionExpression").asText();
        List<Expressions.KeyTerm> terms = Expressions.keyCondition(expression, request.get("ExpressionAttributeNames"),
                request.get("ExpressionAttributeValues"));
        Expressions.Condition filter = condition(request, "FilterExpression");
        Table.Index index = request.hasNonNull("IndexName") ? table.index(request.get("IndexName").asText()) : null;
        if (index != null && request.path("ConsistentRead").asBoolean(false)) {
            throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
        }
        String hashName = index == null ? table.hashKey : index.hashKey;
        String rangeName = index == null ? table.rangeKey : index.rangeKey;
        Expressions.KeyTerm hash = null;
        Expressions.KeyTerm range = null;
        for (Expressions.KeyTerm term : terms) {
            if (term.name().equals(hashName) && hash == null) {
                if (!term.op().equals("=")) {
                    throw DynamoDbException.validation("Query key condition not supported: the partition key " + hashName
                            + " must be compared with =");
                }
                hash = term;
            } else if (term.name().equals(rangeName) && range == null) {
                range = term;
            } else {
                throw DynamoDbException.validation("Query condition missed key schema element" + (terms.size() == 1
                        ? ": " + hashName : "") + " (KeyConditionExpression " + expression + " names " + term.name() + ")");
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
        Expressions.KeyTerm sortTerm = range;
        Expressions.Condition keyCondition = sortTerm == null ? item -> true : item -> sortTerm.test(item.get(rangeName));
        boolean forward = request.path("ScanIndexForward").asBoolean(true);
        JsonNode start = request.get("ExclusiveStartKey");
        Lock lock = table.lock.readLock();
        lock.lock();
        try {
            NavigableMap<?, ObjectNode> candidates;
            if (index == null) {
                JsonNode from = start == null ? null : table.sortOf(table.keyOf(start));
                candidates = Ranges.narrow(table.partition(hash.low()), range, from, forward, v -> v, v -> v);
            } else {
                Table.IndexKey from = null;
                if (start != null) {
                    table.keyOf(start);
                    if (start.get(index.hashKey) == null || (index.rangeKey != null && start.get(index.rangeKey) == null)) {
                        throw DynamoDbException.validation("The provided starting key is invalid: it lacks the index's keys");
                    }
                    from = index.key(start, table);
                }
                candidates = Ranges.narrow(index.partition(hash.low()), range, from, forward, Table.IndexKey::below,
                        Table.IndexKey::above);
            }
            return page(table, index, forward ? candidates.values() : candidates.descendingMap().values(), keyCondition,
                    filter, request);
        } finally {
            lock.unlock();
        }
    }

    private static void checkLimit(JsonNode request) {
        if (request.has("Limit") && request.get("Limit").asInt(0) < 1) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'limit' failed to satisfy constraint:"
                    + " Member must have value greater than or equal to 1");
        }
    }

    private static void checkConditionType(Table table, Expressions.KeyTerm term) {
        String declared = table.declaredType(term.name());
        if (!Values.type(term.low()).equals(declared) || (term.high() != null && !Values.type(term.high()).equals(declared))) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Condition parameter type does not"
                    + " match schema type");
        }
    }

    private JsonNode scan(JsonNode request) {
        if (request.has("Segment") || request.has("TotalSegments")) {
            throw DynamoDbException.validation("parallel Scan segments are not supported by the local emulator");
        }
        if (request.has("ScanFilter") || request.has("AttributesToGet") || request.has("ConditionalOperator")) {
            throw DynamoDbException.validation("legacy ScanFilter/AttributesToGet/ConditionalOperator parameters are not"
                    + " supported by the local emulator; use expressions");
        }
        if (request.hasNonNull("IndexName")) {
            throw DynamoDbException.validation("Scan of an index is not supported by the local emulator");
        }
        Table table = table(request);
        checkUsage(request, "FilterExpression", "ProjectionExpression");
        checkLimit(request);
        Expressions.Condition filter = condition(request, "FilterExpression");
        JsonNode start = request.get("ExclusiveStartKey");
        Lock lock = table.lock.readLock();
        lock.lock();
        try {
            return page(table, null, table.scan(start == null ? null : table.keyOf(start)), item -> true, filter, request);
        } finally {
            lock.unlock();
        }
    }

    private JsonNode page(Table table, Table.Index index, Iterable<ObjectNode> candidates, Expressions.Condition keyCondition,
                          Expressions.Condition filter, JsonNode request) {
        int limit = request.path("Limit").asInt(Integer.MAX_VALUE);
        boolean count = "COUNT".equals(request.path("Select").asText());
        List<Expressions.Path> paths = projection(request);
        ObjectNode response = Values.JSON.objectNode();
        ArrayNode items = Values.JSON.arrayNode();
        int scanned = 0;
        int matched = 0;
        int bytes = 0;
        ObjectNode last = null;
        Iterator<ObjectNode> it = candidates.iterator();
        while (it.hasNext()) {
            ObjectNode item = it.next();
            if (!keyCondition.test(item)) {
                continue;
            }
            scanned++;
            last = item;
            if (filter == null || filter.test(item)) {
                matched++;
                if (!count) {
                    ObjectNode shown = index == null ? item : index.project(item, table);
                    items.add(project(shown, paths));
                    bytes += Values.size(item);
                }
            }
            if (scanned >= limit || bytes >= MAX_PAGE_BYTES) {
                if (it.hasNext()) {
                    ObjectNode key = table.keyOf(last);
                    if (index != null) {
                        key.set(index.hashKey, last.get(index.hashKey));
                        if (index.rangeKey != null) {
                            key.set(index.rangeKey, last.get(index.rangeKey));
                        }
                    }
                    response.set("LastEvaluatedKey", key);
                }
                break;
            }
        }
        if (!count) {
            response.set("Items", items);
        }
        response.put("Count", matched);
        response.put("ScannedCount", scanned);
        return response;
    }

    private JsonNode batchGet(JsonNode request) {
        ObjectNode responses = Values.JSON.objectNode();
        int keys = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = request.path("RequestItems").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Table table = table(entry.getKey());
            ArrayNode found = responses.putArray(entry.getKey());
            checkUsage(entry.getValue(), "ProjectionExpression");
            List<Expressions.Path> paths = projection(entry.getValue());
            Lock lock = table.lock.readLock();
            lock.lock();
            try {
                Set<String> seen = new java.util.HashSet<>();
                for (JsonNode key : entry.getValue().path("Keys")) {
                    keys++;
                    if (keys > 100) {
                        throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
                    }
                    ObjectNode checked = table.keyOf(key);
                    if (!seen.add(table.identity(checked))) {
                        throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                    }
                    ObjectNode item = table.get(checked);
                    if (item != null) {
                        found.add(project(item, paths));
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        ObjectNode response = Values.JSON.objectNode();
        response.set("Responses", responses);
        response.putObject("UnprocessedKeys");
        return response;
    }

    private JsonNode batchWrite(JsonNode request) {
        JsonNode requestItems = request.path("RequestItems");
        int writes = 0;
        for (JsonNode requests : requestItems) {
            writes += requests.size();
        }
        if (writes == 0 || writes > 25) {
            throw DynamoDbException.validation("BatchWriteItem takes between 1 and 25 write requests (got " + writes + ")");
        }
        // the whole batch is checked before anything is written, as the service does
        List<Table> tablesOf = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Table table = table(entry.getKey());
            tablesOf.add(table);
            Set<String> seen = new java.util.HashSet<>();
            for (JsonNode write : entry.getValue()) {
                JsonNode key;
                if (write.has("PutRequest")) {
                    ObjectNode item = checkedItem(write.get("PutRequest").path("Item"));
                    table.checkItem(item);
                    key = item;
                } else if (write.has("DeleteRequest")) {
                    key = write.get("DeleteRequest").path("Key");
                } else {
                    throw DynamoDbException.validation("a write request needs PutRequest or DeleteRequest");
                }
                if (!seen.add(table.identity(key))) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
            }
        }
        int t = 0;
        for (JsonNode requests : requestItems) {
            Table table = tablesOf.get(t++);
            Lock lock = table.lock.writeLock();
            lock.lock();
            try {
                for (JsonNode write : requests) {
                    if (write.has("PutRequest")) {
                        table.put((ObjectNode) write.get("PutRequest").get("Item"));
                    } else {
                        table.delete(table.keyOf(write.get("DeleteRequest").path("Key")));
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        ObjectNode response = Values.JSON.objectNode();
        response.putObject("UnprocessedItems");
        return response;
    }

    private static Expressions.Condition condition(JsonNode request, String field) {
        if (!request.hasNonNull(field)) {
            return null;
        }
        return Expressions.condition(request.get(field).asText(), request.get("ExpressionAttributeNames"),
                request.get("ExpressionAttributeValues"));
    }

    /** The ProjectionExpression's paths, or null when there is none (every attribute). */
    private static List<Expressions.Path> projection(JsonNode request) {
        return request.hasNonNull("ProjectionExpression")
                ? Expressions.projection(request.get("ProjectionExpression").asText(), request.get("ExpressionAttributeNames"))
                : null;
    }

    private static ObjectNode project(ObjectNode item, List<Expressions.Path> paths) {
        return paths == null ? item : Expressions.project(item, paths);
    }

    List<String> tableNames() {
        return new ArrayList<>(tables.keySet());
    }
}
