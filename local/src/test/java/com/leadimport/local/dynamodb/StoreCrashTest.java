package com.leadimport.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The store survives a killed process: the server runs as a child process while writers send
 * batches (new items and overwrites that move items between index keys); the child is killed
 * with SIGKILL mid-write; reopened, the store holds every batch the server acknowledged (each
 * item at least at its last acknowledged version), and every item agrees with its index entries.
 */
class StoreCrashTest {

    private static final int WRITERS = 4;
    private static final int KEYS_PER_WRITER = 200;

    @Test
    void everyAcknowledgedBatchSurvivesAKill(@TempDir Path data) throws Exception {
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        for (int round = 0; round < 3; round++) {
            Process child = startServer(data);
            try (DynamoDbClient client = DynamoDbServers.client(endpointOf(child))) {
                if (round == 0) {
                    client.createTable(b -> b.tableName("Leads").billingMode("PAY_PER_REQUEST")
                            .attributeDefinitions(a -> a.attributeName("list").attributeType(ScalarAttributeType.S),
                                    a -> a.attributeName("leadId").attributeType(ScalarAttributeType.S),
                                    a -> a.attributeName("importId").attributeType(ScalarAttributeType.S))
                            .keySchema(k -> k.attributeName("list").keyType(KeyType.HASH), k -> k.attributeName("leadId").keyType(KeyType.RANGE))
                            .globalSecondaryIndexes(g -> g.indexName("ByImport").keySchema(k -> k.attributeName("importId").keyType(KeyType.HASH),
                                    k -> k.attributeName("leadId").keyType(KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
                }
                writeUntilKilled(client, child, round, acknowledged);
            } finally {
                child.destroyForcibly().waitFor();
            }
            try (DynamoDbEmulator reopened = DynamoDbEmulator.start(data);
                 DynamoDbClient client = DynamoDbServers.client(reopened.endpoint())) {
                Map<String, Integer> stored = versions(client, acknowledged.keySet());
                acknowledged.forEach((leadId, version) -> assertThat(stored.get(leadId)).as(leadId).isNotNull()
                        .isGreaterThanOrEqualTo(version));
                assertThat(reopened.integrityProblems()).isEmpty();
            }
        }
        assertThat(acknowledged).hasSizeGreaterThan(WRITERS * 25);
    }

    /** Writers put batches of 25 (each a new version of its keys, under another importId) until the child is killed. */
    private static void writeUntilKilled(DynamoDbClient client, Process child, int round, Map<String, Integer> acknowledged)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(WRITERS * 3);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            pool.submit(() -> {
                for (int batch = 0; !killed.get(); batch++) {
                    int version = round * 1_000_000 + batch;
                    List<WriteRequest> writes = new ArrayList<>();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        String leadId = String.format("w%d-%04d", writer, (batch * 25 + i) % KEYS_PER_WRITER);
                        ids.add(leadId);
                        writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                                "list", AttributeValue.fromS("L"), "leadId", AttributeValue.fromS(leadId),
                                "importId", AttributeValue.fromS("import-" + version % 7),
                                "version", AttributeValue.fromN(Integer.toString(version)),
                                "payload", AttributeValue.fromS("x".repeat(300)))).build()).build());
                    }
                    try {
                        client.batchWriteItem(b -> b.requestItems(Map.of("Leads", writes)));
                    } catch (RuntimeException e) {
                        return null; // the server is gone
                    }
                    ids.forEach(id -> acknowledged.merge(id, version, Math::max));
                    enough.countDown();
                }
                return null;
            });
        }
        assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50L * (round + 1)); // kill at a different moment each round, writers in full flow
        child.destroyForcibly(); // SIGKILL
        killed.set(true);
        child.waitFor();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    private static Map<String, Integer> versions(DynamoDbClient client, java.util.Set<String> leadIds) {
        Map<String, Integer> versions = new HashMap<>();
        List<String> ids = new ArrayList<>(leadIds);
        for (int i = 0; i < ids.size(); i += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(i, Math.min(ids.size(), i + 100)).stream()
                    .map(id -> Map.of("list", AttributeValue.fromS("L"), "leadId", AttributeValue.fromS(id))).toList();
            client.batchGetItem(b -> b.requestItems(Map.of("Leads", KeysAndAttributes.builder().keys(keys).build())))
                    .responses().get("Leads")
                    .forEach(item -> versions.put(item.get("leadId").s(), Integer.parseInt(item.get("version").n())));
        }
        return versions;
    }

    private static Process startServer(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                DynamoDbEmulator.class.getName(), data.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static URI endpointOf(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).startsWith("endpoint ");
        return URI.create(line.substring("endpoint ".length()));
    }
}
