package com.leadimport.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The emulator through the real AWS SDK client, as the adapters use it. */
class DynamoDbEmulatorTest {

    private DynamoDbEmulator emulator;
    private DynamoDbClient client;

    static DynamoDbClient client(DynamoDbEmulator emulator) {
        return DynamoDbClient.builder().endpointOverride(emulator.endpoint()).region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @BeforeEach
    void start() {
        emulator = DynamoDbEmulator.start(null);
        client = client(emulator);
        createLeads(client);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private static void createLeads(DynamoDbClient client) {
        client.createTable(b -> b.tableName("Leads").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("list", ScalarAttributeType.S), attr("leadId", ScalarAttributeType.S),
                        attr("importId", ScalarAttributeType.S), attr("row", ScalarAttributeType.N))
                .keySchema(key("list", KeyType.HASH), key("leadId", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("ByImport")
                        .keySchema(key("importId", KeyType.HASH), key("row", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static Map<String, AttributeValue> lead(String list, String id, String importId, long row) {
        return Map.of("list", s(list), "leadId", s(id), "importId", s(importId), "row", n(row), "name", s("Lead " + id));
    }

    private void put(Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName("Leads").item(item));
    }

    @Test
    void putsGetsAndDeletesItems() {
        put(lead("May", "a", "i1", 1));

        assertThat(client.getItem(b -> b.tableName("Leads").key(Map.of("list", s("May"), "leadId", s("a")))).item())
                .containsEntry("name", s("Lead a"));
        client.deleteItem(b -> b.tableName("Leads").key(Map.of("list", s("May"), "leadId", s("a"))));
        assertThat(client.getItem(b -> b.tableName("Leads").key(Map.of("list", s("May"), "leadId", s("a")))).hasItem()).isFalse();
    }

    @Test
    void aFailedConditionIsTheSdksConditionalCheckFailedException() {
        put(lead("May", "a", "i1", 1));

        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Leads").item(lead("May", "a", "i2", 2))
                .conditionExpression("attribute_not_exists(leadId)"))).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(client.getItem(b -> b.tableName("Leads").key(Map.of("list", s("May"), "leadId", s("a")))).item())
                .containsEntry("importId", s("i1"));
    }

    @Test
    void updateExpressionsSetAddAndRemove() {
        put(lead("May", "a", "i1", 1));

        var updated = client.updateItem(b -> b.tableName("Leads").key(Map.of("list", s("May"), "leadId", s("a")))
                .updateExpression("SET #s = :running, attempts = if_not_exists(attempts, :zero) + :one ADD chunks :c REMOVE #n")
                .conditionExpression("importId = :i OR attribute_not_exists(importId)")
                .expressionAttributeNames(Map.of("#s", "status", "#n", "name"))
                .expressionAttributeValues(Map.of(":running", s("RUNNING"), ":zero", n(0), ":one", n(1), ":c",
                        AttributeValue.fromNs(List.of("1", "2")), ":i", s("i1")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();

        assertThat(updated).containsEntry("status", s("RUNNING")).containsEntry("attempts", n(1)).doesNotContainKey("name");
        assertThat(updated.get("chunks").ns()).containsExactlyInAnyOrder("1", "2");

        client.updateItem(b -> b.tableName("Leads").key(Map.of("list", s("May"), "leadId", s("a")))
                .updateExpression("ADD chunks :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromNs(List.of("2", "3")))));
        assertThat(client.getItem(b -> b.tableName("Leads").key(Map.of("list", s("May"), "leadId", s("a")))).item()
                .get("chunks").ns()).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void updatingAMissingItemWithAnExistsConditionFails() {
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Leads").key(Map.of("list", s("May"), "leadId", s("zz")))
                .updateExpression("SET callAttempts = :z").conditionExpression("attribute_exists(leadId)")
                .expressionAttributeValues(Map.of(":z", n(0))))).isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void queriesInOrderWithPaginationBeginsWithAndDescending() {
        for (int i = 0; i < 25; i++) {
            put(lead("May", String.format("i1-%03d", i), "i1", i));
        }
        put(lead("May", "i2-000", "i2", 0));
        put(lead("June", "i1-900", "i1", 900));

        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = client.query(b -> b.tableName("Leads").keyConditionExpression("#l = :l AND begins_with(leadId, :p)")
                    .expressionAttributeNames(Map.of("#l", "list")).expressionAttributeValues(Map.of(":l", s("May"), ":p", s("i1-")))
                    .limit(10).exclusiveStartKey(from));
            page.items().forEach(item -> ids.add(item.get("leadId").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);

        assertThat(ids).hasSize(25).isSorted().allMatch(id -> id.startsWith("i1-"));
        assertThat(pages).isEqualTo(3);
        QueryResponse descending = client.query(b -> b.tableName("Leads").keyConditionExpression("#l = :l")
                .expressionAttributeNames(Map.of("#l", "list")).expressionAttributeValues(Map.of(":l", s("May")))
                .scanIndexForward(false).limit(2));
        assertThat(descending.items()).extracting(i -> i.get("leadId").s()).containsExactly("i2-000", "i1-024");
    }

    @Test
    void queriesAGlobalSecondaryIndexWithItsProjection() {
        put(lead("May", "x", "i9", 2));
        put(lead("June", "y", "i9", 1));
        put(lead("May", "z", "i8", 1));

        QueryResponse byImport = client.query(b -> b.tableName("Leads").indexName("ByImport")
                .keyConditionExpression("importId = :i AND #r BETWEEN :a AND :b").expressionAttributeNames(Map.of("#r", "row"))
                .expressionAttributeValues(Map.of(":i", s("i9"), ":a", n(1), ":b", n(5))));

        assertThat(byImport.items()).extracting(i -> i.get("leadId").s()).containsExactly("y", "x");
        assertThat(byImport.items().get(0)).containsOnlyKeys("list", "leadId", "importId", "row");
    }

    @Test
    void batchWritesAndGets() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(lead("B", "b" + i, "i", i)).build()).build());
        }
        assertThat(client.batchWriteItem(b -> b.requestItems(Map.of("Leads", writes))).unprocessedItems()).isEmpty();
        client.batchWriteItem(b -> b.requestItems(Map.of("Leads", List.of(WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(Map.of("list", s("B"), "leadId", s("b0"))).build()).build()))));

        var got = client.batchGetItem(b -> b.requestItems(Map.of("Leads", KeysAndAttributes.builder().keys(
                Map.of("list", s("B"), "leadId", s("b0")), Map.of("list", s("B"), "leadId", s("b1")),
                Map.of("list", s("B"), "leadId", s("b24"))).projectionExpression("leadId, #r")
                .expressionAttributeNames(Map.of("#r", "row")).build())));

        assertThat(got.responses().get("Leads")).extracting(i -> i.get("leadId").s()).containsExactlyInAnyOrder("b1", "b24");
        assertThat(got.responses().get("Leads").get(0)).containsOnlyKeys("leadId", "row");
    }

    @Test
    void refusesWhatTheServiceRefuses() {
        assertThatThrownBy(() -> put(Map.of("list", s("May")))).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Missing the key leadId");
        assertThatThrownBy(() -> put(Map.of("list", s(""), "leadId", s("a")))).hasMessageContaining("empty string");
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("Nope").key(Map.of("list", s("a")))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> createLeads(client)).isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> client.query(b -> b.tableName("Leads").keyConditionExpression("#l = :l AND leadId CONTAINZ :x")
                .expressionAttributeNames(Map.of("#l", "list")).expressionAttributeValues(Map.of(":l", s("May"), ":x", s("a")))))
                .hasMessageContaining("local emulator does not support");
    }

    @Test
    void concurrentCountersLoseNoUpdate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    client.updateItem(b -> b.tableName("Leads").key(Map.of("list", s("C"), "leadId", s("counter")))
                            .updateExpression("ADD hits :one").expressionAttributeValues(Map.of(":one", n(1))));
                }
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(client.getItem(b -> b.tableName("Leads").key(Map.of("list", s("C"), "leadId", s("counter")))).item())
                .containsEntry("hits", n(400));
    }

    @Test
    void persistsTablesAcrossRestarts(@TempDir Path data) {
        try (DynamoDbEmulator first = DynamoDbEmulator.start(data); DynamoDbClient c = client(first)) {
            createLeads(c);
            c.putItem(b -> b.tableName("Leads").item(lead("P", "p1", "i1", 1)));
        }
        try (DynamoDbEmulator second = DynamoDbEmulator.start(data); DynamoDbClient c = client(second)) {
            assertThat(c.getItem(b -> b.tableName("Leads").key(Map.of("list", s("P"), "leadId", s("p1")))).item())
                    .containsEntry("name", s("Lead p1"));
            assertThat(c.query(b -> b.tableName("Leads").indexName("ByImport").keyConditionExpression("importId = :i")
                    .expressionAttributeValues(Map.of(":i", s("i1")))).count()).isEqualTo(1);
        }
    }
}
