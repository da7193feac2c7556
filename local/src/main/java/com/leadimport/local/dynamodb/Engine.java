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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DynamoDB operations the project uses, on tables in memory, requests and responses in
 * the service's JSON. Anything else is refused by name.
 */
final class Engine {

    private static final int MAX_ITEM_BYTES = 400 * 1024;
    private static final int MAX_PAGE_BYTES = 1024 * 1024;
    private static final Pattern EQUALITY = Pattern.compile("([#A-Za-z0-9_.-]+)\\s*=\\s*(:[A-Za-z0-9_]+)");

    final Map<String, Table> tables = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    boolean takeDirty() {
        boolean was = dirty;
        dirty = false;
        return was;
    }

    JsonNode handle(String operation, JsonNode request) {
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
            default -> throw DynamoDbException.validation("operation " + operation + " is not supported by the local emulator");
        };
    }

    // ---------- tables ----------

    private JsonNode createTable(ObjectNode request) {
        String name = request.path("TableName").asText();
        if (name.isEmpty()) {
            throw DynamoDbException.validation("TableName is required");
        }
        Table table = new Table(request.deepCopy());
        if (tables.putIfAbsent(name, table) != null) {
            throw new DynamoDbException("ResourceInUseException", "Table already exists: " + name);
        }
        dirty = true;
        return Values.JSON.objectNode().set("TableDescription", describe(table));
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
        dirty = true;
        return Values.JSON.objectNode().set("TableDescription", describe(table));
    }

    private JsonNode updateTimeToLive(JsonNode request) {
        Table table = table(request);
        table.definition.set("TimeToLiveSpecification", request.path("TimeToLiveSpecification"));
        dirty = true;
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

    private JsonNode putItem(JsonNode request) {
        Table table = table(request);
        ObjectNode item = checkedItem(request.path("Item"));
        return conditionalWrite(table, table.keyOf(item), request, old -> item);
    }

    /**
     * The shape of every single-item write: under the table's write lock, the current item is
     * checked against the ConditionExpression, replaced by what {@code change} makes of it
     * (null deletes it), and the ReturnValues answered.
     */
    private JsonNode conditionalWrite(Table table, ObjectNode key, JsonNode request,
                                      java.util.function.UnaryOperator<ObjectNode> change) {
        Expressions.Condition condition = condition(request, "ConditionExpression");
        Lock lock = table.lock.writeLock();
        lock.lock();
        try {
            ObjectNode old = table.get(key);
            if (condition != null && !condition.test(old == null ? Values.JSON.objectNode() : old)) {
                throw DynamoDbException.conditionFailed();
            }
            ObjectNode updated = change.apply(old);
            if (updated == null) {
                table.delete(key);
            } else {
                table.put(updated);
            }
            dirty = true;
            return returnValues(request, old, updated);
        } finally {
            lock.unlock();
        }
    }

    private JsonNode getItem(JsonNode request) {
        Table table = table(request);
        Lock lock = table.lock.readLock();
        lock.lock();
        try {
            ObjectNode item = table.get(table.keyOf(request.path("Key")));
            ObjectNode response = Values.JSON.objectNode();
            if (item != null) {
                response.set("Item", project(item, request));
            }
            return response;
        } finally {
            lock.unlock();
        }
    }

    private JsonNode deleteItem(JsonNode request) {
        Table table = table(request);
        return conditionalWrite(table, table.keyOf(request.path("Key")), request, old -> null);
    }

    private JsonNode updateItem(JsonNode request) {
        if (request.has("AttributeUpdates") || request.has("Expected")) {
            throw DynamoDbException.validation("legacy AttributeUpdates/Expected are not supported by the local emulator");
        }
        Table table = table(request);
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
        return conditionalWrite(table, key, request, old -> {
            ObjectNode updated = old == null ? key.deepCopy() : old.deepCopy();
            for (Expressions.Action action : actions) {
                action.apply(updated);
            }
            return checkedItem(updated);
        });
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
        String expression = request.get("KeyConditionExpression").asText();
        JsonNode names = request.get("ExpressionAttributeNames");
        JsonNode values = request.get("ExpressionAttributeValues");
        Expressions.Condition keyCondition = Expressions.condition(expression, names, values);
        Expressions.Condition filter = condition(request, "FilterExpression");
        Table.Index index = request.hasNonNull("IndexName") ? table.index(request.get("IndexName").asText()) : null;
        String hashName = index == null ? table.hashKey : index.hashKey;
        JsonNode hashValue = hashValue(expression, names, values, hashName);
        boolean forward = request.path("ScanIndexForward").asBoolean(true);
        JsonNode start = request.get("ExclusiveStartKey");
        Lock lock = table.lock.readLock();
        lock.lock();
        try {
            Iterable<ObjectNode> candidates;
            if (index == null) {
                NavigableMap<JsonNode, ObjectNode> partition = table.partition(hashValue);
                if (start != null) {
                    partition = forward ? partition.tailMap(table.sortOf(start), false) : partition.headMap(table.sortOf(start), false);
                }
                candidates = forward ? partition.values() : partition.descendingMap().values();
            } else {
                NavigableMap<Table.IndexKey, ObjectNode> partition = index.partition(hashValue);
                if (start != null) {
                    Table.IndexKey from = index.key(start, table);
                    partition = forward ? partition.tailMap(from, false) : partition.headMap(from, false);
                }
                candidates = forward ? partition.values() : partition.descendingMap().values();
            }
            return page(table, index, candidates, keyCondition, filter, request);
        } finally {
            lock.unlock();
        }
    }

    private static JsonNode hashValue(String expression, JsonNode names, JsonNode values, String hashName) {
        Matcher matcher = EQUALITY.matcher(expression);
        while (matcher.find()) {
            String name = matcher.group(1);
            String resolved = name.startsWith("#") && names != null && names.has(name) ? names.get(name).asText() : name;
            if (resolved.equals(hashName) && values != null && values.has(matcher.group(2))) {
                return values.get(matcher.group(2));
            }
        }
        throw DynamoDbException.validation("Query condition missed key schema element: " + hashName);
    }

    private JsonNode scan(JsonNode request) {
        if (request.has("Segment") || request.has("TotalSegments")) {
            throw DynamoDbException.validation("parallel Scan segments are not supported by the local emulator");
        }
        Table table = table(request);
        Expressions.Condition filter = condition(request, "FilterExpression");
        JsonNode start = request.get("ExclusiveStartKey");
        Lock lock = table.lock.readLock();
        lock.lock();
        try {
            List<ObjectNode> all = table.all();
            int from = 0;
            if (start != null) {
                ObjectNode startKey = table.keyOf(start);
                while (from < all.size() && !table.keyOf(all.get(from)).equals(startKey)) {
                    from++;
                }
                from++;
            }
            return page(table, null, all.subList(Math.min(from, all.size()), all.size()), item -> true, filter, request);
        } finally {
            lock.unlock();
        }
    }

    private JsonNode page(Table table, Table.Index index, Iterable<ObjectNode> candidates, Expressions.Condition keyCondition,
                          Expressions.Condition filter, JsonNode request) {
        int limit = request.path("Limit").asInt(Integer.MAX_VALUE);
        boolean count = "COUNT".equals(request.path("Select").asText());
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
                    items.add(project(shown, request));
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
            Lock lock = table.lock.readLock();
            lock.lock();
            try {
                for (JsonNode key : entry.getValue().path("Keys")) {
                    keys++;
                    ObjectNode item = table.get(table.keyOf(key));
                    if (item != null) {
                        found.add(project(item, entry.getValue()));
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        if (keys > 100) {
            throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
        }
        ObjectNode response = Values.JSON.objectNode();
        response.set("Responses", responses);
        response.putObject("UnprocessedKeys");
        return response;
    }

    private JsonNode batchWrite(JsonNode request) {
        int writes = 0;
        for (JsonNode requests : request.path("RequestItems")) {
            writes += requests.size();
        }
        if (writes > 25) {
            throw DynamoDbException.validation("Too many items requested for the BatchWriteItem call");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = request.path("RequestItems").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Table table = table(entry.getKey());
            Set<ObjectNode> seen = new java.util.HashSet<>();
            for (JsonNode write : entry.getValue()) {
                JsonNode item = write.has("PutRequest") ? write.get("PutRequest").path("Item") : write.path("DeleteRequest").path("Key");
                if (!seen.add(table.keyOf(item))) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
            }
            Lock lock = table.lock.writeLock();
            lock.lock();
            try {
                for (JsonNode write : entry.getValue()) {
                    if (write.has("PutRequest")) {
                        table.put(checkedItem(write.get("PutRequest").path("Item")));
                    } else if (write.has("DeleteRequest")) {
                        table.delete(table.keyOf(write.get("DeleteRequest").path("Key")));
                    } else {
                        throw DynamoDbException.validation("a write request needs PutRequest or DeleteRequest");
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        dirty = true;
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

    /** The item limited to a ProjectionExpression's top-level attributes, when there is one. */
    private static ObjectNode project(ObjectNode item, JsonNode request) {
        if (!request.hasNonNull("ProjectionExpression")) {
            return item;
        }
        JsonNode names = request.get("ExpressionAttributeNames");
        ObjectNode projected = Values.JSON.objectNode();
        for (String part : request.get("ProjectionExpression").asText().split(",")) {
            String name = part.strip();
            if (name.contains(".") || name.contains("[")) {
                throw DynamoDbException.validation("nested ProjectionExpression paths are not supported by the local emulator");
            }
            if (name.startsWith("#")) {
                if (names == null || !names.has(name)) {
                    throw DynamoDbException.validation("An expression attribute name used in the document path is not defined; attribute name: " + name);
                }
                name = names.get(name).asText();
            }
            if (item.has(name)) {
                projected.set(name, item.get(name));
            }
        }
        return projected;
    }

    List<String> tableNames() {
        return new ArrayList<>(tables.keySet());
    }
}
