package com.leadimport.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Each operation, expression and refusal of the emulator, through the real AWS SDK client. */
class DynamoDbEmulatorOperationsTest {

    private DynamoDbEmulator emulator;
    private DynamoDbClient client;

    @BeforeEach
    void start() {
        emulator = DynamoDbEmulator.start(null);
        client = DynamoDbEmulatorTest.client(emulator);
        // pk S, sk N; GSI ByStatus (status S, at S) ALL; GSI ByOwner (owner S) INCLUDE name
        client.createTable(b -> b.tableName("Tab")
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.N),
                        attr("status", ScalarAttributeType.S), attr("at", ScalarAttributeType.S),
                        attr("owner", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName("ByStatus").keySchema(key("status", KeyType.HASH), key("at", KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build(),
                        GlobalSecondaryIndex.builder().indexName("ByOwner").keySchema(key("owner", KeyType.HASH))
                                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes("name").build())
                                .build()));
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
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

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static Map<String, AttributeValue> item(String pk, String sk, Object... more) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk));
        item.put("sk", n(sk));
        for (int i = 0; i < more.length; i += 2) {
            Object v = more[i + 1];
            item.put((String) more[i], v instanceof AttributeValue a ? a : s((String) v));
        }
        return item;
    }

    private static Map<String, AttributeValue> k(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", n(sk));
    }

    private void put(Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName("Tab").item(item));
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        return client.getItem(b -> b.tableName("Tab").key(k(pk, sk)).consistentRead(true)).item();
    }

    private List<String> sks(QueryResponse response) {
        return response.items().stream().map(i -> i.get("sk").n()).toList();
    }

    private QueryResponse query(String condition, Map<String, AttributeValue> values, Consumer<QueryRequest.Builder> more) {
        return client.query(b -> {
            b.tableName("Tab").keyConditionExpression(condition).expressionAttributeValues(values);
            more.accept(b);
        });
    }

    // ---------- tables ----------

    @Test
    void describesListsAndDeletesTables() {
        TableDescription table = client.describeTable(b -> b.tableName("Tab")).table();
        assertThat(table.tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk", "sk");
        assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactly("ByStatus", "ByOwner");
        assertThat(table.globalSecondaryIndexes().get(0).indexStatusAsString()).isEqualTo("ACTIVE");
        assertThat(table.globalSecondaryIndexes().get(1).projection().nonKeyAttributes()).containsExactly("name");

        client.createTable(b -> b.tableName("Aaa").attributeDefinitions(attr("id", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH)));
        assertThat(client.listTables().tableNames()).containsExactly("Aaa", "Tab");

        client.deleteTable(b -> b.tableName("Aaa"));
        assertThat(client.listTables().tableNames()).containsExactly("Tab");
        assertThatThrownBy(() -> client.describeTable(b -> b.tableName("Aaa"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.deleteTable(b -> b.tableName("Aaa"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void storesTimeToLiveSettings() {
        assertThat(client.describeTimeToLive(b -> b.tableName("Tab")).timeToLiveDescription().timeToLiveStatusAsString())
                .isEqualTo("DISABLED");
        client.updateTimeToLive(b -> b.tableName("Tab").timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        var ttl = client.describeTimeToLive(b -> b.tableName("Tab")).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatusAsString()).isEqualTo("ENABLED");
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }

    // ---------- single items ----------

    @Test
    void returnsOldAndNewValues() {
        assertThat(client.putItem(b -> b.tableName("Tab").item(item("p", "1", "a", "x"))
                .returnValues(ReturnValue.ALL_OLD)).attributes()).isEmpty();
        assertThat(client.putItem(b -> b.tableName("Tab").item(item("p", "1", "a", "y"))
                .returnValues(ReturnValue.ALL_OLD)).attributes()).containsEntry("a", s("x"));

        var updatedNew = client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("SET b = :b, a = :a")
                .expressionAttributeValues(Map.of(":b", s("B"), ":a", s("y"))).returnValues(ReturnValue.UPDATED_NEW)).attributes();
        assertThat(updatedNew).containsOnlyKeys("b");
        var allOld = client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("REMOVE b")
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        assertThat(allOld).containsEntry("b", s("B"));

        var deleted = client.deleteItem(b -> b.tableName("Tab").key(k("p", "1")).returnValues(ReturnValue.ALL_OLD)).attributes();
        assertThat(deleted).containsEntry("a", s("y")).doesNotContainKey("b");
        assertThat(client.deleteItem(b -> b.tableName("Tab").key(k("p", "1")).returnValues(ReturnValue.ALL_OLD)).attributes()).isEmpty();
    }

    @Test
    void getsWithAProjection() {
        put(item("p", "1", "a", "x", "b", "y", "name", "n"));
        var got = client.getItem(b -> b.tableName("Tab").key(k("p", "1")).projectionExpression("a, #n")
                .expressionAttributeNames(Map.of("#n", "name"))).item();
        assertThat(got).containsOnlyKeys("a", "name");
        assertThat(client.getItem(b -> b.tableName("Tab").key(k("p", "2"))).hasItem()).isFalse();

        put(item("p", "3", "m", AttributeValue.fromM(Map.of("x", n("1"), "y", n("2"), "z", AttributeValue.fromM(Map.of("deep", s("d"), "other", s("o"))))), "top", "t"));
        var nested = client.getItem(b -> b.tableName("Tab").key(k("p", "3")).projectionExpression("m.x, #m.z.deep, missing.path")
                .expressionAttributeNames(Map.of("#m", "m")))
                .item();
        assertThat(nested).containsOnlyKeys("m");
        assertThat(nested.get("m").m()).containsOnlyKeys("x", "z");
        assertThat(nested.get("m").m().get("z").m()).containsOnlyKeys("deep");
    }

    @Test
    void setValuesComeFromTheItemBeforeTheUpdate() {
        put(item("p", "1", "a", "A", "b", "B"));
        client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("SET a = b, b = a"));
        assertThat(get("p", "1")).containsEntry("a", s("B")).containsEntry("b", s("A"));
    }

    @Test
    void conditionExpressions() {
        put(item("p", "1", "status", "NEW", "count", n("5"), "tags", AttributeValue.fromSs(List.of("a", "b")),
                "list", AttributeValue.fromL(List.of(s("x"), n("2"))), "name", "Alice Smith",
                "m", AttributeValue.fromM(Map.of("inner", s("deep")))));
        Map<String, AttributeValue> values = Map.of(":new", s("NEW"), ":old", s("OLD"), ":three", n("3"), ":ten", n("10"),
                ":a", s("a"), ":ali", s("Ali"), ":x", s("x"), ":two", n("2"), ":deep", s("deep"));
        List<String> hold = List.of(
                "#s = :new", "#s <> :old", "#c > :three", "#c >= :three AND #c <= :ten", "#c < :ten", "NOT #c < :three",
                "#c BETWEEN :three AND :ten", "#s IN (:old, :new)", "(#s = :old OR #c = :ten) OR attribute_exists(tags)",
                "begins_with(#n, :ali)", "contains(tags, :a)", "contains(#n, :ali)", "contains(#l, :x)", "size(tags) = :two",
                "size(#l) = :two", "size(#n) > :ten", "attribute_not_exists(nope)", "m.inner = :deep", "#l[0] = :x",
                "NOT (#s = :old AND #c = :three)", "nope <> :x");
        List<String> fail = List.of(
                "#s = :old", "#c < :three", "#c BETWEEN :ten AND :ten", "#s IN (:old)", "attribute_exists(nope)",
                "begins_with(#n, :x)", "contains(tags, :x)", "size(tags) > :two", "NOT attribute_exists(#s)",
                "#c = :new", "#c > :new", "m.inner = :x", "nope = :x");
        Map<String, String> names = Map.of("#s", "status", "#c", "count", "#n", "name", "#l", "list");
        for (String condition : hold) {
            client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("SET touched = :a")
                    .conditionExpression(condition).expressionAttributeNames(used(names, condition))
                    .expressionAttributeValues(used(values, condition + " :a")));
        }
        for (String condition : fail) {
            assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("SET touched = :a")
                    .conditionExpression(condition).expressionAttributeNames(used(names, condition))
                    .expressionAttributeValues(used(values, condition + " :a"))))
                    .as(condition).isInstanceOf(ConditionalCheckFailedException.class);
        }
    }

    /** The service refuses unused names and values, so each expression gets only its own. */
    private static <V> Map<String, V> used(Map<String, V> all, String expression) {
        Map<String, V> used = new HashMap<>();
        all.forEach((name, value) -> {
            if (expression.matches(".*" + name + "\\b.*") || expression.contains(name + ")") || expression.endsWith(name)) {
                used.put(name, value);
            }
        });
        return used.isEmpty() ? null : used;
    }

    @Test
    void aFailedConditionCanReturnTheItem() {
        put(item("p", "1", "status", "NEW"));
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Tab").item(item("p", "1"))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class,
                        e -> assertThat(e.item()).containsEntry("status", s("NEW")));
        assertThatThrownBy(() -> client.deleteItem(b -> b.tableName("Tab").key(k("p", "2"))
                .conditionExpression("attribute_exists(pk)"))).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(get("p", "1")).containsEntry("status", s("NEW"));
    }

    @Test
    void updateExpressions() {
        put(item("p", "1", "n", n("10"), "list", AttributeValue.fromL(List.of(s("a"))), "tags", AttributeValue.fromSs(List.of("a", "b")),
                "nums", AttributeValue.fromNs(List.of("1", "2")), "drop", AttributeValue.fromNs(List.of("1", "2")), "m", AttributeValue.fromM(Map.of("x", n("1"))), "gone", "bye"));
        client.updateItem(b -> b.tableName("Tab").key(k("p", "1"))
                .updateExpression("SET n = n + :five, down = :hundred - :one, list = list_append(list, :more),"
                        + " front = list_append(:more, list), fresh = if_not_exists(fresh, :zero), n2 = if_not_exists(n, :zero),"
                        + " m.y = :one, m.x = m.x + :one REMOVE gone, nope ADD tags :cd, counter :one, nums :three"
                        + " DELETE #d :oneSet")
                .expressionAttributeNames(Map.of("#d", "drop"))
                .expressionAttributeValues(Map.of(":five", n("5"), ":hundred", n("100"), ":one", n("1"),
                        ":more", AttributeValue.fromL(List.of(s("b"))), ":zero", n("0"),
                        ":cd", AttributeValue.fromSs(List.of("c", "d")), ":three", AttributeValue.fromNs(List.of("3")),
                        ":oneSet", AttributeValue.fromNs(List.of("1.0")))));

        Map<String, AttributeValue> item = get("p", "1");
        assertThat(item.get("n")).isEqualTo(n("15"));
        assertThat(item.get("down")).isEqualTo(n("99"));
        assertThat(item.get("list").l()).containsExactly(s("a"), s("b"));
        assertThat(item.get("front").l()).containsExactly(s("b"), s("a"));
        assertThat(item.get("fresh")).isEqualTo(n("0"));
        assertThat(item.get("n2")).isEqualTo(n("10"));
        assertThat(item.get("m").m()).containsEntry("x", n("2")).containsEntry("y", n("1"));
        assertThat(item).doesNotContainKeys("gone", "nope");
        assertThat(item.get("tags").ss()).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(item.get("counter")).isEqualTo(n("1"));
        assertThat(item.get("nums").ns()).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(item.get("drop").ns()).containsExactly("2");

        // deleting every member removes the set; a decimal keeps its value
        client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("DELETE tags :all SET n = n - :half")
                .expressionAttributeValues(Map.of(":all", AttributeValue.fromSs(List.of("a", "b", "c", "d")), ":half", n("0.5"))));
        assertThat(get("p", "1")).doesNotContainKey("tags").containsEntry("n", n("14.5"));

        // an update of a missing item creates it
        client.updateItem(b -> b.tableName("Tab").key(k("p", "2")).updateExpression("ADD hits :one")
                .expressionAttributeValues(Map.of(":one", n("1"))));
        assertThat(get("p", "2")).containsOnlyKeys("pk", "sk", "hits");
    }

    @Test
    void refusesBadUpdates() {
        put(item("p", "1", "s", "text"));
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("SET pk = :v")
                .expressionAttributeValues(Map.of(":v", s("x"))))).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("part of the key");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("ADD s :one")
                .expressionAttributeValues(Map.of(":one", n("1"))))).hasMessageContaining("incorrect data type");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("SET a = s + :one")
                .expressionAttributeValues(Map.of(":one", n("1"))))).hasMessageContaining("incorrect data type");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("SET a = :undefined")))
                .hasMessageContaining(":undefined");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("SET a = #undefined")))
                .hasMessageContaining("#undefined");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("SET a = :v REMOVE a")
                .expressionAttributeValues(Map.of(":v", n("1"))))).hasMessageContaining("overlap");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("SET m = :v, m.x = :v")
                .expressionAttributeValues(Map.of(":v", n("1"))))).hasMessageContaining("overlap");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("DELETE s :v")
                .expressionAttributeValues(Map.of(":v", n("1"))))).hasMessageContaining("incorrect data type");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(k("p", "1")).updateExpression("MULTIPLY a :v")
                .expressionAttributeValues(Map.of(":v", n("1"))))).hasMessageContaining("MULTIPLY");
        assertThat(get("p", "1")).containsOnlyKeys("pk", "sk", "s");
    }

    // ---------- validation ----------

    @Test
    void validatesKeysItemsAndIndexKeys() {
        assertThatThrownBy(() -> put(Map.of("pk", s("p"), "sk", s("1")))).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Type mismatch for key sk");
        assertThatThrownBy(() -> put(Map.of("pk", s("p"), "sk", n("not a number")))).hasMessageContaining("not a number");
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("Tab").key(Map.of("pk", s("p"))))).hasMessageContaining("Missing the key sk");
        assertThatThrownBy(() -> put(item("p", "1", "status", n("1")))).hasMessageContaining("Type mismatch for Index Key status");
        assertThatThrownBy(() -> put(item("p", "1", "owner", ""))).hasMessageContaining("IndexName: ByOwner");
        assertThatThrownBy(() -> put(item("p", "1", "big", "x".repeat(401 * 1024)))).hasMessageContaining("Item size has exceeded");
        // sizes count UTF-8 bytes: 140k three-byte characters are 420 KB
        assertThatThrownBy(() -> put(item("p", "1", "big", "\u20ac".repeat(140 * 1024)))).hasMessageContaining("Item size has exceeded");
        assertThat(client.scan(b -> b.tableName("Tab")).count()).isZero();
        put(item("p", "1", "big", "x".repeat(300 * 1024)));
    }

    @Test
    void refusesUnsupportedOperationsAndSyntaxByName() {
        assertThatThrownBy(() -> client.describeLimits()).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("operation DescribeLimits is not supported by the local emulator");
        assertThatThrownBy(() -> client.scan(b -> b.tableName("Tab").filterExpression("attribute_size(x) > :v")
                .expressionAttributeValues(Map.of(":v", n("1"))))).hasMessageContaining("does not support");
        assertThatThrownBy(() -> client.scan(b -> b.tableName("Tab").filterExpression("a = :v OR")
                .expressionAttributeValues(Map.of(":v", n("1"))))).hasMessageContaining("does not support");
        assertThatThrownBy(() -> query("pk = :p OR sk = :s", Map.of(":p", s("p"), ":s", n("1")), b -> { }))
                .hasMessageContaining("OR");
        assertThatThrownBy(() -> query("pk = :p AND sk <> :s", Map.of(":p", s("p"), ":s", n("1")), b -> { }))
                .hasMessageContaining("<>");
        assertThatThrownBy(() -> query("pk = :p AND other = :s", Map.of(":p", s("p"), ":s", n("1")), b -> { }))
                .hasMessageContaining("missed key schema element");
        assertThatThrownBy(() -> query("sk = :s", Map.of(":s", n("1")), b -> { })).hasMessageContaining("missed key schema element: pk");
        assertThatThrownBy(() -> query("pk = :p AND begins_with(sk, :s)", Map.of(":p", s("p"), ":s", s("1")), b -> { }))
                .hasMessageContaining("begins_with");
        assertThatThrownBy(() -> query("pk = :p AND sk = :s", Map.of(":p", s("p"), ":s", s("1")), b -> { }))
                .hasMessageContaining("Condition parameter type does not match schema type");
        assertThatThrownBy(() -> query("pk = :p AND sk BETWEEN :b AND :a", Map.of(":p", s("p"), ":a", n("1"), ":b", n("2")), b -> { }))
                .hasMessageContaining("BETWEEN");
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("Tab").key(k("p", "1")).projectionExpression("l[0]")))
                .hasMessageContaining("not supported by the local emulator");
    }

    @Test
    void refusesWhatTheServiceRefusesBeforeItCostsADeploy() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Tab").item(item("p", "1")).conditionExpression("attribute_not_exists(pk)")
                .expressionAttributeValues(Map.of(":unused", s("x"))))).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("unused in expressions: keys: {:unused}");
        assertThatThrownBy(() -> query("pk = :p", Map.of(":p", s("p")), b -> b.expressionAttributeNames(Map.of("#x", "x"))))
                .hasMessageContaining("ExpressionAttributeNames unused in expressions: keys: {#x}");
        assertThatThrownBy(() -> query("pk = :p", Map.of(":p", s("p")), b -> b.limit(0))).hasMessageContaining("limit");
        assertThatThrownBy(() -> client.query(b -> b.tableName("Tab").indexName("ByOwner").keyConditionExpression("#o = :a")
                .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":a", s("ann"))).consistentRead(true)))
                .hasMessageContaining("Consistent reads are not supported on global secondary indexes");
        assertThatThrownBy(() -> client.createTable(b -> b.tableName("Xx1").attributeDefinitions(attr("id", ScalarAttributeType.S))
                .keySchema(key("other", KeyType.HASH)))).hasMessageContaining("not defined in AttributeDefinitions");
        assertThatThrownBy(() -> client.createTable(b -> b.tableName("Xx2")
                .attributeDefinitions(attr("id", ScalarAttributeType.S), attr("spare", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH)))).hasMessageContaining("does not exactly match");
        assertThatThrownBy(() -> client.createTable(b -> b.tableName("no spaces").attributeDefinitions(attr("id", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH)))).hasMessageContaining("TableName");
        assertThat(client.listTables().tableNames()).containsExactly("Tab");
    }

    // ---------- queries ----------

    @Test
    void queriesWithEverySortKeyCondition() {
        for (String sk : List.of("-1.5", "0", "2", "9", "10", "10.5", "100")) {
            put(item("p", sk));
        }
        put(item("other", "5"));
        Map<String, AttributeValue> v = Map.of(":p", s("p"), ":nine", n("9"), ":ten", n("10"));
        Consumer<QueryRequest.Builder> none = b -> { };
        assertThat(sks(query("pk = :p", Map.of(":p", s("p")), none))).containsExactly("-1.5", "0", "2", "9", "10", "10.5", "100");
        assertThat(sks(query("pk = :p AND sk = :ten", Map.of(":p", s("p"), ":ten", n("10.0")), none))).containsExactly("10");
        assertThat(sks(query("pk = :p AND sk < :nine", Map.of(":p", s("p"), ":nine", n("9")), none))).containsExactly("-1.5", "0", "2");
        assertThat(sks(query("pk = :p AND sk <= :nine", Map.of(":p", s("p"), ":nine", n("9")), none))).containsExactly("-1.5", "0", "2", "9");
        assertThat(sks(query("pk = :p AND sk > :ten", Map.of(":p", s("p"), ":ten", n("10")), none))).containsExactly("10.5", "100");
        assertThat(sks(query("pk = :p AND sk >= :ten", Map.of(":p", s("p"), ":ten", n("10")), none))).containsExactly("10", "10.5", "100");
        assertThat(sks(query("(pk = :p) AND (sk BETWEEN :nine AND :ten)", v, none))).containsExactly("9", "10");
        assertThat(sks(query("sk BETWEEN :nine AND :ten AND pk = :p", v, b -> b.scanIndexForward(false)))).containsExactly("10", "9");
        assertThat(sks(query("pk = :p AND sk > :ten", Map.of(":p", s("p"), ":ten", n("10")), b -> b.scanIndexForward(false))))
                .containsExactly("100", "10.5");
        assertThat(query("pk = :nobody", Map.of(":nobody", s("nobody")), none).items()).isEmpty();
    }

    @Test
    void ordersStringAndBinaryKeysByBytes() {
        client.createTable(b -> b.tableName("Str").attributeDefinitions(attr("h", ScalarAttributeType.S), attr("r", ScalarAttributeType.S))
                .keySchema(key("h", KeyType.HASH), key("r", KeyType.RANGE)));
        client.createTable(b -> b.tableName("Bin").attributeDefinitions(attr("h", ScalarAttributeType.S), attr("r", ScalarAttributeType.B))
                .keySchema(key("h", KeyType.HASH), key("r", KeyType.RANGE)));
        // UTF-8 byte order differs from Java's UTF-16 order for U+FF21 and U+1F600
        List<String> strings = List.of("\uD83D\uDE00", "\uFF21", "a", "Z", "ab", "é", "a\u0000");
        for (String r : strings) {
            client.putItem(b -> b.tableName("Str").item(Map.of("h", s("h"), "r", s(r))));
        }
        for (int x : new int[] {0x80, 0x7f, 0xff, 0x00}) {
            client.putItem(b -> b.tableName("Bin").item(Map.of("h", s("h"), "r", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) x})))));
        }
        assertThat(client.query(b -> b.tableName("Str").keyConditionExpression("h = :h").expressionAttributeValues(Map.of(":h", s("h"))))
                .items()).extracting(i -> i.get("r").s()).containsExactly("Z", "a", "a\u0000", "ab", "é", "\uFF21", "\uD83D\uDE00");
        assertThat(client.query(b -> b.tableName("Str").keyConditionExpression("h = :h AND begins_with(r, :a)")
                .expressionAttributeValues(Map.of(":h", s("h"), ":a", s("a")))).items()).extracting(i -> i.get("r").s())
                .containsExactly("a", "a\u0000", "ab");
        assertThat(client.query(b -> b.tableName("Bin").keyConditionExpression("h = :h").expressionAttributeValues(Map.of(":h", s("h"))))
                .items()).extracting(i -> i.get("r").b().asByteArray()[0] & 0xff).containsExactly(0x00, 0x7f, 0x80, 0xff);
        assertThat(client.query(b -> b.tableName("Bin").keyConditionExpression("h = :h AND begins_with(r, :p)")
                .expressionAttributeValues(Map.of(":h", s("h"), ":p", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0x80})))))
                .count()).isEqualTo(1);
    }

    @Test
    void queriesFilterProjectCountAndPaginateBothWays() {
        for (int i = 0; i < 30; i++) {
            put(item("p", Integer.toString(i), "parity", i % 2 == 0 ? "even" : "odd", "name", "n" + i));
        }
        QueryResponse filtered = query("pk = :p", Map.of(":p", s("p"), ":even", s("even")),
                b -> b.filterExpression("parity = :even").limit(10).projectionExpression("sk, #n")
                        .expressionAttributeNames(Map.of("#n", "name")));
        assertThat(filtered.count()).isEqualTo(5);
        assertThat(filtered.scannedCount()).isEqualTo(10);
        assertThat(filtered.items().get(0)).containsOnlyKeys("sk", "name");
        assertThat(filtered.lastEvaluatedKey()).isEqualTo(k("p", "9"));

        QueryResponse count = query("pk = :p AND sk >= :ten", Map.of(":p", s("p"), ":ten", n("10")), b -> b.select(Select.COUNT));
        assertThat(count.count()).isEqualTo(20);
        assertThat(count.items()).isEmpty();

        for (boolean forward : new boolean[] {true, false}) {
            List<String> seen = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = query("pk = :p AND sk BETWEEN :a AND :b", Map.of(":p", s("p"), ":a", n("3"), ":b", n("25")),
                        b -> b.limit(7).scanIndexForward(forward).exclusiveStartKey(from));
                seen.addAll(sks(page));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            List<String> expected = new ArrayList<>();
            for (int i = 3; i <= 25; i++) {
                expected.add(Integer.toString(i));
            }
            if (!forward) {
                java.util.Collections.reverse(expected);
            }
            assertThat(seen).as("forward " + forward).isEqualTo(expected);
        }
    }

    @Test
    void indexesAreSparseKeptInStepAndPaginateOverEqualKeys() {
        for (int i = 0; i < 12; i++) {
            // equal index sort keys ("same") for several items: pagination must still visit each once
            put(item("p" + (i % 3), Integer.toString(i), "status", "OPEN", "at", i < 6 ? "same" : "t" + i, "extra", "e"));
        }
        put(item("p9", "1")); // no status: not in ByStatus
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = client.query(b -> b.tableName("Tab").indexName("ByStatus").keyConditionExpression("#s = :o")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":o", s("OPEN")))
                    .limit(5).exclusiveStartKey(from));
            page.items().forEach(i -> seen.add(i.get("pk").s() + "/" + i.get("sk").n()));
            assertThat(page.items()).allSatisfy(i -> assertThat(i).containsKey("extra"));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start).containsOnlyKeys("pk", "sk", "status", "at");
            }
        } while (start != null);
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();

        assertThat(client.query(b -> b.tableName("Tab").indexName("ByStatus")
                .keyConditionExpression("#s = :o AND begins_with(#a, :t)").expressionAttributeNames(Map.of("#s", "status", "#a", "at"))
                .expressionAttributeValues(Map.of(":o", s("OPEN"), ":t", s("t1")))).items())
                .extracting(i -> i.get("at").s()).containsExactly("t10", "t11");

        // moving an item between index keys, and out of the index
        client.updateItem(b -> b.tableName("Tab").key(k("p0", "0")).updateExpression("SET #s = :c")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":c", s("CLOSED"))));
        client.updateItem(b -> b.tableName("Tab").key(k("p1", "1")).updateExpression("REMOVE #s")
                .expressionAttributeNames(Map.of("#s", "status")));
        client.deleteItem(b -> b.tableName("Tab").key(k("p2", "2")));
        assertThat(client.query(b -> b.tableName("Tab").indexName("ByStatus").keyConditionExpression("#s = :o")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":o", s("OPEN")))).count())
                .isEqualTo(9);
        assertThat(client.query(b -> b.tableName("Tab").indexName("ByStatus").keyConditionExpression("#s = :c")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":c", s("CLOSED")))).items())
                .extracting(i -> i.get("pk").s()).containsExactly("p0");

        put(item("x", "1", "owner", "ann", "name", "X", "secret", "s"));
        put(item("x", "2", "owner", "ann"));
        QueryResponse byOwner = client.query(b -> b.tableName("Tab").indexName("ByOwner").keyConditionExpression("#o = :a")
                .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":a", s("ann"))));
        assertThat(byOwner.items()).hasSize(2);
        assertThat(byOwner.items()).anySatisfy(i -> assertThat(i).containsOnlyKeys("pk", "sk", "owner", "name"));
        assertThatThrownBy(() -> client.query(b -> b.tableName("Tab").indexName("Nope").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))))).hasMessageContaining("index");
    }

    @Test
    void scansWithFilterLimitAndPagination() {
        for (int p = 0; p < 7; p++) {
            for (int i = 0; i < 5; i++) {
                put(item("p" + p, Integer.toString(i), "odd", AttributeValue.fromBool(i % 2 == 1)));
            }
        }
        List<String> seen = new ArrayList<>();
        int matched = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = client.scan(b -> b.tableName("Tab").limit(4).exclusiveStartKey(from).filterExpression("odd = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
            assertThat(page.scannedCount()).isLessThanOrEqualTo(4);
            matched += page.count();
            page.items().forEach(i -> seen.add(i.get("pk").s() + "/" + i.get("sk").n()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertThat(matched).isEqualTo(14);
        assertThat(seen).hasSize(14).doesNotHaveDuplicates();
        assertThat(client.scan(b -> b.tableName("Tab").select(Select.COUNT)).count()).isEqualTo(35);
    }

    // ---------- batches and transactions ----------

    @Test
    void batchesCheckTheirLimitsAndDuplicatesBeforeWriting() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("b", Integer.toString(i))).build()).build());
        }
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("Tab", writes)))).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("25");
        List<WriteRequest> duplicate = List.of(writes.get(0), writes.get(1), writes.get(0));
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("Tab", duplicate)))).hasMessageContaining("duplicates");
        List<WriteRequest> oneBad = List.of(writes.get(0), WriteRequest.builder().putRequest(PutRequest.builder()
                .item(Map.of("pk", s("b"))).build()).build());
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("Tab", oneBad)))).hasMessageContaining("Missing the key");
        assertThat(client.scan(b -> b.tableName("Tab")).count()).isZero();

        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(k("b", Integer.toString(i)));
        }
        assertThatThrownBy(() -> client.batchGetItem(b -> b.requestItems(Map.of("Tab", KeysAndAttributes.builder().keys(keys).build()))))
                .hasMessageContaining("Too many items");
        assertThatThrownBy(() -> client.batchGetItem(b -> b.requestItems(Map.of("Tab", KeysAndAttributes.builder()
                .keys(k("b", "1"), k("b", "1.0")).build())))).hasMessageContaining("duplicates");
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("Nope", List.of(writes.get(0))))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void transactionsWriteAllOrNothing() {
        put(item("t", "1", "balance", n("10")));
        put(item("t", "3", "locked", AttributeValue.fromBool(false)));
        client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName("Tab").item(item("t", "2", "balance", n("0")))
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName("Tab").key(k("t", "1"))
                        .updateExpression("SET balance = balance - :five").conditionExpression("balance >= :five")
                        .expressionAttributeValues(Map.of(":five", n("5"))).build()).build(),
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName("Tab").key(k("t", "3"))
                        .conditionExpression("locked = :f").expressionAttributeValues(Map.of(":f", AttributeValue.fromBool(false))).build())
                        .build()));
        assertThat(get("t", "1")).containsEntry("balance", n("5"));
        assertThat(get("t", "2")).containsEntry("balance", n("0"));

        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(Delete.builder().tableName("Tab").key(k("t", "2")).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName("Tab").key(k("t", "1"))
                        .updateExpression("SET balance = balance - :six").conditionExpression("balance >= :six")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .expressionAttributeValues(Map.of(":six", n("6"))).build()).build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                            .containsExactly("None", "ConditionalCheckFailed");
                    assertThat(e.cancellationReasons().get(1).item()).containsEntry("balance", n("5"));
                });
        assertThat(get("t", "2")).isNotNull().containsEntry("balance", n("0"));
        assertThat(get("t", "1")).containsEntry("balance", n("5"));

        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(Delete.builder().tableName("Tab").key(k("t", "2")).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName("Tab").item(item("t", "2")).build()).build())))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("multiple operations on one item");
        // an update that is invalid for the stored item changes nothing either
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(Delete.builder().tableName("Tab").key(k("t", "2")).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName("Tab").key(k("t", "3"))
                        .updateExpression("SET x = locked + :one").expressionAttributeValues(Map.of(":one", n("1"))).build()).build())))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("incorrect data type");
        assertThat(get("t", "2")).isNotNull();
    }

    // ---------- persistence ----------

    @Test
    void persistsUpdatesDeletionsAndSettings(@TempDir Path data) throws Exception {
        try (DynamoDbEmulator first = DynamoDbEmulator.start(data); DynamoDbClient c = DynamoDbEmulatorTest.client(first)) {
            for (String name : List.of("Keep", "Drop")) {
                c.createTable(b -> b.tableName(name).attributeDefinitions(attr("id", ScalarAttributeType.S))
                        .keySchema(key("id", KeyType.HASH)));
            }
            c.putItem(b -> b.tableName("Keep").item(Map.of("id", s("a"), "v", n("1"))));
            c.putItem(b -> b.tableName("Keep").item(Map.of("id", s("b"), "v", n("1"))));
            c.updateItem(b -> b.tableName("Keep").key(Map.of("id", s("a"))).updateExpression("ADD v :one")
                    .expressionAttributeValues(Map.of(":one", n("1"))));
            c.deleteItem(b -> b.tableName("Keep").key(Map.of("id", s("b"))));
            c.updateTimeToLive(b -> b.tableName("Keep").timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl")));
            c.deleteTable(b -> b.tableName("Drop"));
        }
        try (var files = Files.list(data)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("Keep.table.json");
        }
        try (DynamoDbEmulator second = DynamoDbEmulator.start(data); DynamoDbClient c = DynamoDbEmulatorTest.client(second)) {
            assertThat(c.listTables().tableNames()).containsExactly("Keep");
            assertThat(c.scan(b -> b.tableName("Keep")).items()).containsExactly(Map.of("id", s("a"), "v", n("2")));
            assertThat(c.describeTimeToLive(b -> b.tableName("Keep")).timeToLiveDescription().attributeName()).isEqualTo("ttl");
            c.putItem(b -> b.tableName("Keep").item(Map.of("id", s("c"))));
        }
        try (DynamoDbEmulator third = DynamoDbEmulator.start(data); DynamoDbClient c = DynamoDbEmulatorTest.client(third)) {
            assertThat(c.scan(b -> b.tableName("Keep")).count()).isEqualTo(2);
        }
    }
}
