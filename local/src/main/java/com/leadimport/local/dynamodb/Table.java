package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * One table's schema and where its items and index entries live in the {@link Storage}: items
 * under {@code [table id][0][partition key][sort key]}, each global secondary index's entries
 * under {@code [table id][index number][index keys][table keys]} holding the item as the index
 * projects it (so a query of an index reads only the index). An item and its index entries change
 * in one write batch. Nothing per item is kept in memory.
 */
final class Table {

    /** The service's limits on key values (bytes of UTF-8, or binary). */
    private static final int MAX_PARTITION_KEY_BYTES = 2048;
    private static final int MAX_SORT_KEY_BYTES = 1024;

    final String name;
    final ObjectNode definition;
    final String hashKey;
    final String rangeKey;
    final List<Index> indexes = new ArrayList<>();
    private final Map<String, String> declaredTypes = new HashMap<>();
    private final byte[] prefix;

    Table(ObjectNode definition, int id) {
        this.definition = definition;
        this.name = definition.path("TableName").asText();
        for (JsonNode attribute : definition.path("AttributeDefinitions")) {
            declaredTypes.put(attribute.path("AttributeName").asText(), attribute.path("AttributeType").asText());
        }
        String[] keys = keySchema(definition.path("KeySchema"));
        this.hashKey = keys[0];
        this.rangeKey = keys[1];
        this.prefix = prefix(id, 0);
        int number = 1;
        for (JsonNode index : definition.path("GlobalSecondaryIndexes")) {
            indexes.add(new Index(index, prefix(id, number++)));
        }
    }

    private static byte[] prefix(int tableId, int part) {
        return new byte[] {(byte) (tableId >>> 24), (byte) (tableId >>> 16), (byte) (tableId >>> 8), (byte) tableId, (byte) part};
    }

    /** [hash, range or null] of a KeySchema. */
    static String[] keySchema(JsonNode schema) {
        String[] keys = new String[2];
        for (JsonNode key : schema) {
            keys[key.path("KeyType").asText().equals("HASH") ? 0 : 1] = key.path("AttributeName").asText();
        }
        return keys;
    }

    String declaredType(String attribute) {
        String type = declaredTypes.get(attribute);
        if (type == null) {
            throw DynamoDbException.validation("attribute " + attribute + " has no AttributeDefinition");
        }
        return type;
    }

    // ---------- keys ----------

    /** The key attributes of an item or key map, checked as the service checks them. */
    ObjectNode keyOf(JsonNode item) {
        ObjectNode key = Values.JSON.objectNode();
        key.set(hashKey, keyValue(item, hashKey, MAX_PARTITION_KEY_BYTES, "Size of hashkey has exceeded the maximum size"
                + " limit of 2048 bytes"));
        if (rangeKey != null) {
            key.set(rangeKey, keyValue(item, rangeKey, MAX_SORT_KEY_BYTES, "Aggregated size of all range keys has exceeded"
                    + " the size limit of 1024 bytes"));
        }
        return key;
    }

    /** A Key parameter: exactly the table's key attributes. */
    ObjectNode checkedKey(JsonNode key) {
        ObjectNode checked = keyOf(key);
        if (key.size() != checked.size()) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        return checked;
    }

    private JsonNode keyValue(JsonNode item, String attribute, int maxBytes, String tooLong) {
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
        checkKeyContent(value, declared, attribute, null);
        if (Values.scalarSize(declared, Values.content(value).asText()) > maxBytes) {
            throw DynamoDbException.validation("One or more parameter values were invalid: " + tooLong);
        }
        return value;
    }

    private static void checkKeyContent(JsonNode value, String type, String attribute, String index) {
        String text = Values.content(value).asText();
        if (type.equals("N")) {
            KeyCodec.number(text);
        } else if (text.isEmpty()) {
            throw DynamoDbException.validation(index == null
                    ? "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an"
                            + " empty " + (type.equals("S") ? "string" : "binary") + " value. Key: " + attribute
                    : "One or more parameter values are not valid. A value specified for a secondary index key is not"
                            + " supported. The AttributeValue for a key attribute cannot contain an empty string value."
                            + " IndexName: " + index + ", IndexKey: " + attribute);
        }
    }

    /** Checks an item before it is stored: the table's keys, and the keys of each index the item has. */
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
                checkKeyContent(value, declared, attribute, index.name);
            }
        }
    }

    /** Where the item with this (checked) key is stored. */
    byte[] storageKey(JsonNode key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(prefix);
        appendTableKey(out, key);
        return out.toByteArray();
    }

    /** The storage prefix of a partition (for a query). */
    byte[] partitionPrefix(JsonNode hashValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(prefix);
        KeyCodec.append(out, hashValue);
        return out.toByteArray();
    }

    private void appendTableKey(ByteArrayOutputStream out, JsonNode item) {
        KeyCodec.append(out, item.get(hashKey));
        if (rangeKey != null) {
            KeyCodec.append(out, item.get(rangeKey));
        }
    }

    /** Where every item of the table is stored (the prefix of its storage keys). */
    byte[] itemsPrefix() {
        return prefix.clone();
    }

    // ---------- reads and writes ----------

    ObjectNode get(Storage storage, JsonNode key) {
        byte[] value = storage.get(storageKey(key));
        return value == null ? null : Values.read(value);
    }

    /**
     * Adds to the batch what replacing {@code old} by {@code updated} (either may be null) takes:
     * the item, and each index's entries (the old entry removed, the new one put).
     */
    void change(WriteBatch batch, JsonNode key, ObjectNode old, ObjectNode updated) {
        try {
            byte[] storageKey = storageKey(key);
            if (updated == null) {
                batch.delete(storageKey);
            } else {
                batch.put(storageKey, Values.bytes(updated));
            }
            for (Index index : indexes) {
                byte[] oldEntry = old == null ? null : index.entryKey(old, this);
                byte[] newEntry = updated == null ? null : index.entryKey(updated, this);
                if (oldEntry != null && (newEntry == null || !java.util.Arrays.equals(oldEntry, newEntry))) {
                    batch.delete(oldEntry);
                }
                if (newEntry != null) {
                    batch.put(newEntry, Values.bytes(index.project(updated, this)));
                }
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot prepare a write of table " + name, e);
        }
    }

    Index index(String indexName) {
        for (Index index : indexes) {
            if (index.name.equals(indexName)) {
                return index;
            }
        }
        throw DynamoDbException.validation("The table does not have the specified index: " + indexName);
    }

    /** A global secondary index: entries by the index's keys, then the table's keys. */
    static final class Index {
        final String name;
        final String hashKey;
        final String rangeKey;
        final String projection;
        final List<String> nonKeyAttributes = new ArrayList<>();
        private final byte[] prefix;

        Index(JsonNode definition, byte[] prefix) {
            this.name = definition.path("IndexName").asText();
            String[] keys = keySchema(definition.path("KeySchema"));
            this.hashKey = keys[0];
            this.rangeKey = keys[1];
            this.projection = definition.path("Projection").path("ProjectionType").asText("ALL");
            definition.path("Projection").path("NonKeyAttributes").forEach(a -> nonKeyAttributes.add(a.asText()));
            this.prefix = prefix;
        }

        /** Where the item's entry is stored, or null when the item lacks the index's keys (indexes are sparse). */
        byte[] entryKey(JsonNode item, Table table) {
            if (item.get(hashKey) == null || (rangeKey != null && item.get(rangeKey) == null)) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(96);
            out.writeBytes(prefix);
            KeyCodec.append(out, item.get(hashKey));
            if (rangeKey != null) {
                KeyCodec.append(out, item.get(rangeKey));
            }
            table.appendTableKey(out, item);
            return out.toByteArray();
        }

        /** Where every entry of the index is stored. */
        byte[] entriesPrefix() {
            return prefix.clone();
        }

        byte[] partitionPrefix(JsonNode hashValue) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64);
            out.writeBytes(prefix);
            KeyCodec.append(out, hashValue);
            return out.toByteArray();
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
            for (String attribute : nonKeyAttributes) {
                if (item.has(attribute)) {
                    projected.set(attribute, item.get(attribute));
                }
            }
            return projected;
        }
    }
}
