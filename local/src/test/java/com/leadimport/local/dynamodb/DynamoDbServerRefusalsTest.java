package com.leadimport.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Our server implements what the product sends and refuses everything else by name (never a
 * silent wrong answer): operations, parameters and expression syntax nothing here uses.
 */
class DynamoDbServerRefusalsTest {

    private DynamoDbEmulator server;
    private DynamoDbClient client;

    @BeforeEach
    void start() {
        server = DynamoDbEmulator.start(null);
        client = DynamoDbServers.client(server.endpoint());
        client.createTable(b -> b.tableName("Tab").billingMode("PAY_PER_REQUEST").attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        client.putItem(b -> b.tableName("Tab").item(Map.of("pk", s("p"), "m", AttributeValue.fromM(Map.of("x", s("1"))))));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    @Test
    void refusesOperationsNothingSendsByName() {
        assertThatThrownBy(() -> client.scan(b -> b.tableName("Tab"))).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("operation Scan is not supported by the local DynamoDB server");
        assertThatThrownBy(() -> client.deleteTable(b -> b.tableName("Tab")))
                .hasMessageContaining("operation DeleteTable is not supported");
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName("Tab")
                .item(Map.of("pk", s("q"))))))).hasMessageContaining("operation TransactWriteItems is not supported");
        assertThat(client.listTables().tableNames()).containsExactly("Tab");
    }

    @Test
    void refusesParametersNothingSendsByName() {
        assertThatThrownBy(() -> client.query(b -> b.tableName("Tab").keyConditionExpression("pk = :p")
                .filterExpression("attribute_exists(m)").expressionAttributeValues(Map.of(":p", s("p")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Query parameter FilterExpression is not supported");
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Tab").item(Map.of("pk", s("p"))).returnValues(ReturnValue.ALL_OLD)))
                .hasMessageContaining("ReturnValues ALL_OLD is not supported");
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("Tab").key(Map.of("pk", s("p"))).attributesToGet("m")))
                .hasMessageContaining("GetItem parameter AttributesToGet is not supported");
    }

    @Test
    void refusesExpressionSyntaxNothingSendsByName() {
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("Tab").key(Map.of("pk", s("p"))).projectionExpression("m.x")))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("nested document path")
                .hasMessageContaining("not supported by the local DynamoDB server");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(Map.of("pk", s("p")))
                .updateExpression("SET n = if_not_exists(n, :z)").expressionAttributeValues(Map.of(":z", AttributeValue.fromN("0")))))
                .hasMessageContaining("the function if_not_exists");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(Map.of("pk", s("p")))
                .updateExpression("SET n = :z + :z").expressionAttributeValues(Map.of(":z", AttributeValue.fromN("0")))))
                .hasMessageContaining("arithmetic");
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Tab").key(Map.of("pk", s("p")))
                .updateExpression("DELETE tags :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromSs(java.util.List.of("a"))))))
                .hasMessageContaining("DELETE clause");
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Tab").item(Map.of("pk", s("p"))).conditionExpression("size(m) > :z")
                .expressionAttributeValues(Map.of(":z", AttributeValue.fromN("0"))))).hasMessageContaining("the function size");
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Tab").item(Map.of("pk", s("p"))).conditionExpression("pk IN (:a)")
                .expressionAttributeValues(Map.of(":a", s("p"))))).hasMessageContaining("BETWEEN and IN");
        assertThat(client.getItem(b -> b.tableName("Tab").key(Map.of("pk", s("p")))).item()).containsOnlyKeys("pk", "m");
    }
}
