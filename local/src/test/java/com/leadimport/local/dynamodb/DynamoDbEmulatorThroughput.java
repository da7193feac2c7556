package com.leadimport.local.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Not a test: prints how many items a second one client thread puts through BatchWriteItem
 * (25 a request) into an in-memory emulator. Run with the test classpath:
 * {@code java -cp ... com.leadimport.local.dynamodb.DynamoDbEmulatorThroughput [items] [dataDir]}.
 */
public final class DynamoDbEmulatorThroughput {

    private DynamoDbEmulatorThroughput() {
    }

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        java.nio.file.Path data = args.length > 1 ? java.nio.file.Path.of(args[1]) : null;
        try (DynamoDbEmulator emulator = DynamoDbEmulator.start(data);
             DynamoDbClient client = DynamoDbEmulatorTest.client(emulator)) {
            client.createTable(b -> b.tableName("Leads")
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
            // warm up both sides, then measure
            write(client, 0, 20_000);
            long start = System.nanoTime();
            write(client, 20_000, items);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%,d items in %.2f s: %,.0f items/s through BatchWriteItem%n", items, seconds, items / seconds);
        }
    }

    private static void write(DynamoDbClient client, int from, int count) {
        List<WriteRequest> batch = new ArrayList<>(25);
        for (int i = from; i < from + count; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", AttributeValue.fromS("import-" + (i / 1000)));
            item.put("sk", AttributeValue.fromS(String.format("lead-%09d", i)));
            item.put("name", AttributeValue.fromS("Lead number " + i));
            item.put("phone", AttributeValue.fromS("+4477009" + String.format("%05d", i % 100_000)));
            item.put("row", AttributeValue.fromN(Integer.toString(i)));
            item.put("status", AttributeValue.fromS("VALID"));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25) {
                List<WriteRequest> send = batch;
                client.batchWriteItem(b -> b.requestItems(Map.of("Leads", send)));
                batch = new ArrayList<>(25);
            }
        }
        if (!batch.isEmpty()) {
            List<WriteRequest> send = batch;
            client.batchWriteItem(b -> b.requestItems(Map.of("Leads", send)));
        }
    }
}
