package com.leadimport.adapters.dynamodb;

import com.leadimport.adapters.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Every table's keys and indexes, for the local runtime and the tests. template.yaml declares
 * the same tables for AWS; a test holds the two to the same keys and indexes.
 */
public final class TableDefinitions {

    private TableDefinitions() {
    }

    public static List<CreateTableRequest> all(Tables t) {
        return List.of(
                table(t.leads(), "listShard", "leadId"),
                table(t.dedupeKeys(), "key", "ref"),
                table(t.dnc(), "number", "category"),
                table(t.imports(), "importId", null, index("ByExpiry", "expiryPending", "expiresOn", ProjectionType.ALL),
                        index("ByCreated", "historyPartition", "createdAt", ProjectionType.ALL),
                        index("ByActive", "activePartition", "createdAt", ProjectionType.KEYS_ONLY)),
                table(t.catalog(), "kind", "name"),
                table(t.callbacks(), "list", "callbackRef"),
                table(t.buffer(), "list", "leadId"),
                table(t.secondaryRows(), "leadId", "table"),
                table(t.audit(), "day", "at"),
                table(t.leases(), "scope", "name"));
    }

    /**
     * Creates the tables that do not exist yet, and waits until each is ACTIVE (a new table is CREATING at first).
     * @return the names of the tables it created
     */
    public static List<String> createMissing(DynamoDbClient client, Tables tables) {
        Set<String> existing = Set.copyOf(client.listTables().tableNames());
        List<String> created = new ArrayList<>();
        for (CreateTableRequest request : all(tables)) {
            if (!existing.contains(request.tableName())) {
                client.createTable(request);
                created.add(request.tableName());
            }
        }
        awaitActive(client, created);
        return created;
    }

    /** Waits until each table is ACTIVE (a new table is CREATING at first), at most 30 s. */
    public static void awaitActive(DynamoDbClient client, List<String> created) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (String table : created) {
            while (client.describeTable(b -> b.tableName(table)).table().tableStatus() != TableStatus.ACTIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("table " + table + " did not become ACTIVE within 30 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for table " + table, e);
                }
            }
        }
    }

    private static CreateTableRequest table(String name, String hash, String range, GlobalSecondaryIndex... indexes) {
        List<KeySchemaElement> keys = new ArrayList<>(List.of(key(hash, KeyType.HASH)));
        List<String> attributes = new ArrayList<>(List.of(hash));
        if (range != null) {
            keys.add(key(range, KeyType.RANGE));
            attributes.add(range);
        }
        for (GlobalSecondaryIndex index : indexes) {
            index.keySchema().forEach(k -> {
                if (!attributes.contains(k.attributeName())) {
                    attributes.add(k.attributeName());
                }
            });
        }
        CreateTableRequest.Builder builder = CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keys)
                .attributeDefinitions(attributes.stream().map(a -> AttributeDefinition.builder().attributeName(a)
                        .attributeType(ScalarAttributeType.S).build()).toList());
        if (indexes.length > 0) {
            builder.globalSecondaryIndexes(indexes);
        }
        return builder.build();
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range, ProjectionType projection) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(Projection.builder().projectionType(projection).build()).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
