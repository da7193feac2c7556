package com.leadimport.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.local.Faults;
import com.leadimport.local.dynamodb.DynamoDbEmulator;
import com.leadimport.local.dynamodb.DynamoDbServers;
import com.leadimport.ports.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Batches against our DynamoDB server injecting faults as the service does under load: whole
 * requests throttled, part of a batch left unprocessed. Every item is written and read back
 * all the same; when the throttling never stops, the store is unavailable (an error the state
 * machine retries), never a silent partial answer.
 */
class BatchesTest {

    private DynamoDbEmulator server;
    private DynamoDbClient client;

    @BeforeEach
    void start() {
        server = DynamoDbEmulator.start(null);
        client = DynamoDbServers.clientWithoutRetries(server.endpoint());
        client.createTable(b -> b.tableName("Tab").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static List<WriteRequest> puts(int count) {
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("pk", AttributeValue.fromS("k" + i),
                    "v", AttributeValue.fromN(Integer.toString(i)))).build()).build());
        }
        return puts;
    }

    private static List<Map<String, AttributeValue>> keys(int count) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(Map.of("pk", AttributeValue.fromS("k" + i)));
        }
        return keys;
    }

    @Test
    void everyItemIsWrittenAndReadDespiteThrottlingAndUnprocessedItems() {
        Faults faults = new Faults(0.1, 0, 0);
        server.injectFaults(faults);
        Batches batches = new Batches(client);

        batches.write(Map.of("Tab", puts(1_000)));
        List<Map<String, AttributeValue>> items = batches.get("Tab", keys(1_000), true, null, null);

        assertThat(faults.injected().get("dynamodb unprocessed")).as("about 200 expected").isGreaterThan(50);
        Set<String> read = items.stream().map(item -> item.get("pk").s() + "=" + item.get("v").n()).collect(Collectors.toSet());
        assertThat(items).hasSize(1_000);
        assertThat(read).contains("k0=0", "k999=999").hasSize(1_000);
    }

    @Test
    void throttlingThatNeverStopsMakesTheStoreUnavailable() {
        server.injectFaults(new Faults(1, 0, 0));
        Batches batches = new Batches(client);

        assertThatThrownBy(() -> batches.write(Map.of("Tab", puts(30))))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("BatchWriteItem");
        assertThatThrownBy(() -> batches.get("Tab", keys(30), true, null, null))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("BatchGetItem");
    }
}
