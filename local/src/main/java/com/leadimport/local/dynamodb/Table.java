package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
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
    /** Partitions by {@link #partitionOf} (a sorted map, so a Scan can resume from a key without a full pass). */
    private final TreeMap<String, TreeMap<JsonNode, ObjectNode>> partitions = new TreeMap<>();
    private long itemCount;
    private final Map<String, String> declaredTypes = new HashMap<>();
    /** Bumped on every change (under the write lock); the snapshot writer compares it with what it saved. */
    volatile long version;

    Table(ObjectNode definition) {
        this.definition = definition;
        for (JsonNode definitionOf : definition.path("AttributeDefinitions")) {
            declaredTypes.put(definitionOf.path("AttributeName").asText(), definitionOf.path("AttributeType").asText());
        }
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
        checkKeyContent(value, declared, attribute);
        return value;
    }

    private static void checkKeyContent(JsonNode value, String type, String attribute) {
        String text = value.get(type).asText();
        if (type.equals("N")) {
            try {
                new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw DynamoDbException.validation("One or more parameter values were invalid: the number " + text
                        + " of key " + attribute + " is not a number");
            }
        } else if (text.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeValue for a key"
                    + " attribute cannot contain an empty " + (type.equals("S") ? "string" : "binary") + " value. Key: " + attribute);
        }
    }

    /**
     * Checks an item before it is stored: the table's keys, and the keys of each index that the
     * item has (of the declared type, not empty), so a write fails before it changes anything.
     */
    void checkItem(JsonNode item) {
        keyOf(item);
        for (Index index : indexes) {
            for (String attribute : new String[] {index.hashKey, index.rangeKey}) {
                JsonNode value = attribute == null ? null : item.get(attribute);
                if (value == null) {
                    continue;
                }
                String declared = declaredType(attribute);
                if (!Values.type(value).equals(declared)) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                            + attribute + " Expected: " + declared + " Actual: " + Values.type(value) + " IndexName: " + index.name);
                }
                if (!declared.equals("N") && value.get(declared).asText().isEmpty()) {
                    throw DynamoDbException.validation("One or more parameter values are not valid. A value specified for a"
                            + " secondary index key is not supported. The AttributeValue for a key attribute cannot contain an"
                            + " empty string value. IndexName: " + index.name + ", IndexKey: " + attribute);
                }
                checkKeyContent(value, declared, attribute);
            }
        }
    }

    String declaredType(String attribute) {
        String type = declaredTypes.get(attribute);
        if (type != null) {
            return type;
        }
        throw DynamoDbException.validation("attribute " + attribute + " has no AttributeDefinition");
    }

    /** An item's key as one string, equal for equal keys (numbers by value): for duplicate checks. */
    String identity(JsonNode item) {
        String hash = partitionOf(keyValue(item, hashKey));
        return rangeKey == null ? hash : hash + '\u0000' + partitionOf(keyValue(item, rangeKey));
    }

    /** A hash key value as a map key: numbers by value (1 and 1.0 are one partition). */
    static String partitionOf(JsonNode value) {
        String type = Values.type(value);
        String text = Values.content(value).asText();
        if (type.equals("N")) {
            text = new BigDecimal(text).stripTrailingZeros().toPlainString();
        }
        return type + ":" + text;
    }

    ObjectNode get(JsonNode key) {
        TreeMap<JsonNode, ObjectNode> partition = partitions.get(partitionOf(keyValue(key, hashKey)));
        return partition == null ? null : partition.get(sortOf(key));
    }

    /** Stores the item (replacing any with its key); returns the old item or null. */
    ObjectNode put(ObjectNode item) {
        checkItem(item);
        JsonNode hash = keyValue(item, hashKey);
        version++;
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
            version++;
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

    /** Every item, partition by partition (for snapshots), in the order Scan returns them. */
    List<ObjectNode> all() {
        List<ObjectNode> items = new ArrayList<>((int) itemCount);
        for (TreeMap<JsonNode, ObjectNode> partition : partitions.values()) {
            items.addAll(partition.values());
        }
        return items;
    }

    /** The items in Scan order, after the item with {@code startKey} when there is one (read lock held by the caller). */
    Iterable<ObjectNode> scan(JsonNode startKey) {
        NavigableMap<String, TreeMap<JsonNode, ObjectNode>> from = partitions;
        String startPartition = null;
        JsonNode startSort = null;
        if (startKey != null) {
            startPartition = partitionOf(keyValue(startKey, hashKey));
            startSort = sortOf(startKey);
            from = partitions.tailMap(startPartition, true);
        }
        Iterator<Map.Entry<String, TreeMap<JsonNode, ObjectNode>>> outer = from.entrySet().iterator();
        String first = startPartition;
        JsonNode firstSort = startSort;
        return () -> new Iterator<>() {
            private Iterator<ObjectNode> inner = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!inner.hasNext() && outer.hasNext()) {
                    Map.Entry<String, TreeMap<JsonNode, ObjectNode>> next = outer.next();
                    inner = next.getKey().equals(first) ? next.getValue().tailMap(firstSort, false).values().iterator()
                            : next.getValue().values().iterator();
                }
                return inner.hasNext();
            }

            @Override
            public ObjectNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return inner.next();
            }
        };
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
                    table.sortOf(item), 0);
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

    /**
     * Position in an index: its sort key, then the table's keys (so equal index keys stay distinct).
     * A bound (-1 or 1) sorts before or after every entry with its sort key, for range lookups.
     */
    record IndexKey(JsonNode sort, String tablePartition, JsonNode tableSort, int bound) implements Comparable<IndexKey> {
        static IndexKey below(JsonNode sort) {
            return new IndexKey(sort, null, null, -1);
        }

        static IndexKey above(JsonNode sort) {
            return new IndexKey(sort, null, null, 1);
        }

        @Override
        public int compareTo(IndexKey o) {
            if (sort != null) {
                int c = Values.compare(sort, o.sort);
                if (c != 0) {
                    return c;
                }
            }
            if (bound != 0 || o.bound != 0) {
                return Integer.compare(bound, o.bound);
            }
            int c = tablePartition.compareTo(o.tablePartition);
            return c != 0 ? c : Values.compare(tableSort, o.tableSort);
        }
    }
}
