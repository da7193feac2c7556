package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One table: items in sorted partitions, and its global secondary indexes kept in step on
 * every write (sparse: an item without an index's keys is not in that index). One lock per
 * table: many readers or one writer.
 */
final class Table {

    /** Sort key of items in a table without a range key. */
    private static final JsonNode NO_SORT = Values.JSON.objectNode().put("S", "");

    final String name;
    final ObjectNode definition;
    final String hashKey;
    final String rangeKey;
    final List<Index> indexes = new ArrayList<>();
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, TreeMap<JsonNode, ObjectNode>> partitions = new HashMap<>();
    private long itemCount;

    Table(ObjectNode definition) {
        this.definition = definition;
        this.name = definition.path("TableName").asText();
        String[] keys = keySchema(definition.path("KeySchema"));
        this.hashKey = keys[0];
        this.rangeKey = keys[1];
        for (JsonNode index : definition.path("GlobalSecondaryIndexes")) {
            indexes.add(new Index(index));
        }
        if (definition.has("LocalSecondaryIndexes")) {
            throw DynamoDbException.validation("LocalSecondaryIndexes are not supported by the local emulator");
        }
    }

    /** [hash, range or null] of a KeySchema. */
    static String[] keySchema(JsonNode schema) {
        String[] keys = new String[2];
        for (JsonNode key : schema) {
            keys[key.path("KeyType").asText().equals("HASH") ? 0 : 1] = key.path("AttributeName").asText();
        }
        if (keys[0] == null) {
            throw DynamoDbException.validation("KeySchema needs a HASH key");
        }
        return keys;
    }

    long itemCount() {
        return itemCount;
    }

    /** The key attributes of an item or key map, checked: present, of the declared type, not empty. */
    ObjectNode keyOf(JsonNode item) {
        ObjectNode key = Values.JSON.objectNode();
        key.set(hashKey, keyValue(item, hashKey));
        if (rangeKey != null) {
            key.set(rangeKey, keyValue(item, rangeKey));
        }
        return key;
    }

    private JsonNode keyValue(JsonNode item, String attribute) {
        JsonNode value = item.get(attribute);
        if (value == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Missing the key " + attribute
                    + " in the item");
        }
        String declared = declaredType(attribute);
        if (!Values.type(value).equals(declared)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for key "
                    + attribute + " expected: " + declared + " actual: " + Values.type(value));
        }
        if (declared.equals("S") && value.get("S").asText().isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeValue for a key"
                    + " attribute cannot contain an empty string value. Key: " + attribute);
        }
        return value;
    }

    String declaredType(String attribute) {
        for (JsonNode definitionOf : definition.path("AttributeDefinitions")) {
            if (definitionOf.path("AttributeName").asText().equals(attribute)) {
                return definitionOf.path("AttributeType").asText();
            }
        }
        throw DynamoDbException.validation("attribute " + attribute + " has no AttributeDefinition");
    }

    static String partitionOf(JsonNode value) {
        return Values.type(value) + ":" + Values.content(value).asText();
    }

    ObjectNode get(JsonNode key) {
        TreeMap<JsonNode, ObjectNode> partition = partitions.get(partitionOf(keyValue(key, hashKey)));
        return partition == null ? null : partition.get(sortOf(key));
    }

    /** Stores the item (replacing any with its key); returns the old item or null. */
    ObjectNode put(ObjectNode item) {
        JsonNode hash = keyValue(item, hashKey);
        ObjectNode old = partitions.computeIfAbsent(partitionOf(hash), k -> new TreeMap<>(Values::compare))
                .put(sortOf(item), item);
        if (old == null) {
            itemCount++;
        }
        for (Index index : indexes) {
            if (old != null) {
                index.remove(old, this);
            }
            index.add(item, this);
        }
        return old;
    }

    ObjectNode delete(JsonNode key) {
        String partitionKey = partitionOf(keyValue(key, hashKey));
        TreeMap<JsonNode, ObjectNode> partition = partitions.get(partitionKey);
        ObjectNode old = partition == null ? null : partition.remove(sortOf(key));
        if (old != null) {
            itemCount--;
            if (partition.isEmpty()) {
                partitions.remove(partitionKey);
            }
            for (Index index : indexes) {
                index.remove(old, this);
            }
        }
        return old;
    }

    /** The partition's items in sort key order (empty when there is none). */
    NavigableMap<JsonNode, ObjectNode> partition(JsonNode hashValue) {
        TreeMap<JsonNode, ObjectNode> partition = partitions.get(partitionOf(hashValue));
        return partition == null ? new TreeMap<>(Values::compare) : partition;
    }

    /** Every item, partition by partition (for Scan and snapshots), in a stable order. */
    List<ObjectNode> all() {
        List<String> keys = new ArrayList<>(partitions.keySet());
        keys.sort(Comparator.naturalOrder());
        List<ObjectNode> items = new ArrayList<>((int) itemCount);
        for (String key : keys) {
            items.addAll(partitions.get(key).values());
        }
        return items;
    }

    JsonNode sortOf(JsonNode item) {
        return rangeKey == null ? NO_SORT : keyValue(item, rangeKey);
    }

    Index index(String name) {
        for (Index index : indexes) {
            if (index.name.equals(name)) {
                return index;
            }
        }
        throw DynamoDbException.validation("The table does not have the specified index: " + name);
    }

    /** A global secondary index: items by the index's keys, then the table's keys. */
    static final class Index {
        final String name;
        final String hashKey;
        final String rangeKey;
        final String projection;
        final List<String> nonKeyAttributes = new ArrayList<>();
        private final Map<String, TreeMap<IndexKey, ObjectNode>> partitions = new HashMap<>();

        Index(JsonNode definition) {
            this.name = definition.path("IndexName").asText();
            String[] keys = keySchema(definition.path("KeySchema"));
            this.hashKey = keys[0];
            this.rangeKey = keys[1];
            this.projection = definition.path("Projection").path("ProjectionType").asText("ALL");
            definition.path("Projection").path("NonKeyAttributes").forEach(a -> nonKeyAttributes.add(a.asText()));
        }

        void add(ObjectNode item, Table table) {
            JsonNode hash = item.get(hashKey);
            if (hash == null || (rangeKey != null && item.get(rangeKey) == null)) {
                return;
            }
            partitions.computeIfAbsent(partitionOf(hash), k -> new TreeMap<>()).put(key(item, table), item);
        }

        void remove(ObjectNode item, Table table) {
            JsonNode hash = item.get(hashKey);
            if (hash == null || (rangeKey != null && item.get(rangeKey) == null)) {
                return;
            }
            TreeMap<IndexKey, ObjectNode> partition = partitions.get(partitionOf(hash));
            if (partition != null) {
                partition.remove(key(item, table));
                if (partition.isEmpty()) {
                    partitions.remove(partitionOf(hash));
                }
            }
        }

        IndexKey key(JsonNode item, Table table) {
            return new IndexKey(rangeKey == null ? null : item.get(rangeKey), partitionOf(item.get(table.hashKey)),
                    table.sortOf(item));
        }

        NavigableMap<IndexKey, ObjectNode> partition(JsonNode hashValue) {
            TreeMap<IndexKey, ObjectNode> partition = partitions.get(partitionOf(hashValue));
            return partition == null ? new TreeMap<>() : partition;
        }

        /** The item as the index projects it. */
        ObjectNode project(ObjectNode item, Table table) {
            if (projection.equals("ALL")) {
                return item;
            }
            ObjectNode projected = table.keyOf(item);
            projected.set(hashKey, item.get(hashKey));
            if (rangeKey != null) {
                projected.set(rangeKey, item.get(rangeKey));
            }
            if (projection.equals("INCLUDE")) {
                for (String attribute : nonKeyAttributes) {
                    if (item.has(attribute)) {
                        projected.set(attribute, item.get(attribute));
                    }
                }
            }
            return projected;
        }
    }

    /** Position in an index: its sort key, then the table's keys (so equal index keys stay distinct). */
    record IndexKey(JsonNode sort, String tablePartition, JsonNode tableSort) implements Comparable<IndexKey> {
        @Override
        public int compareTo(IndexKey o) {
            if (sort != null) {
                int c = Values.compare(sort, o.sort);
                if (c != 0) {
                    return c;
                }
            }
            int c = tablePartition.compareTo(o.tablePartition);
            return c != 0 ? c : Values.compare(tableSort, o.tableSort);
        }
    }
}
