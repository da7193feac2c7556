package com.leadimport.bench;

import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.DeleteExisting;
import com.leadimport.domain.request.DncCheck;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Settings;
import com.leadimport.imports.ImportRecord;
import com.leadimport.local.LocalRuntime;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A whole import through the local runtime (the real definition, handlers, S3 on disk), and in
 * the same run the raw BatchWriteItem throughput of as many items to the same DynamoDB, with
 * the same concurrency the lead store uses. DynamoDB runs in its own process, as it does on
 * AWS, so this JVM's peak heap is the pipeline's.
 */
final class EndToEndBench {

    private static final int WRITERS = 8;

    private EndToEndBench() {
    }

    static void run(Options options) throws Exception {
        long rows = options.getLong("rows", 400_000);
        Path work = Files.createTempDirectory("lead-import-e2e");
        Path file = work.resolve("leads.csv");
        LeadFileGenerator.writeRows(file, rows, 7);
        System.out.printf(Locale.ROOT, "generated %d rows, %.1f MB%n", rows, Files.size(file) / 1048576.0);

        Process dynamoDb = startDynamoDb();
        try {
            URI endpoint = endpointOf(dynamoDb);
            LocalRuntime.Settings settings = LocalRuntime.Settings.defaults(work.resolve("data")).withDynamoDb(endpoint.toString());
            try (LocalRuntime runtime = LocalRuntime.start(settings)) {
                HeapSampler heap = HeapSampler.start();
                long start = System.nanoTime();
                ImportRecord record = runtime.importFile(file, request(), "bench");
                double seconds = (System.nanoTime() - start) / 1e9;
                long pipelinePeak = heap.stop();
                if (record.imported() == null || record.imported() + record.rejected() != rows) {
                    throw new IllegalStateException("the import did not account for every row: " + record);
                }
                double pipelineRate = rows / seconds;
                System.out.printf(Locale.ROOT, "pipeline: %s, %d imported, %d rejected %s in %.1f s: %,.0f rows/s%n",
                        record.status(), record.imported(), record.rejected(), record.rejectedByReason(), seconds, pipelineRate);

                double rawRate = rawWrites(runtime.dynamoDbClient(), rows);
                System.out.printf(Locale.ROOT, "raw BatchWriteItem: %,.0f items/s (%d writers)%n", rawRate, WRITERS);
                System.out.printf(Locale.ROOT, "max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf(Locale.ROOT, "e2e ratio %.2f peakHeapMB %d%n", pipelineRate / rawRate, pipelinePeak >> 20);
            }
        } finally {
            dynamoDb.getOutputStream().close();
            dynamoDb.waitFor();
            deleteTree(work);
        }
    }

    /** The cpu benchmark's mapping with DNC and dedupe (phones, destination list, keep existing) on. */
    static ImportRequest request() {
        ImportRequest base = CpuBench.request();
        Settings s = base.settings();
        Settings settings = new Settings("bench", false, s.format(), "", new DeleteExisting(false, false), true,
                new DncCheck(true, List.of("IVR", "Imported", "Requested")),
                new Dedupe(true, Dedupe.On.PHONE, Dedupe.Scope.LISTS, true, List.of(), Dedupe.Action.KEEP_EXISTING),
                null, false, null, null, null);
        return new ImportRequest(base.details(), settings, base.mapping(), null, null);
    }

    /** The same number of lead-sized items, BatchWriteItem 25 at a time, WRITERS requests in flight. */
    private static double rawWrites(DynamoDbClient client, long items) throws Exception {
        String table = "raw-bench";
        client.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("list").attributeType("S"), a -> a.attributeName("leadId").attributeType("S"))
                .keySchema(k -> k.attributeName("list").keyType("HASH"), k -> k.attributeName("leadId").keyType("RANGE")));
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        long perWriter = (items + WRITERS - 1) / WRITERS;
        for (int w = 0; w < WRITERS; w++) {
            long from = w * perWriter;
            long to = Math.min(items, from + perWriter);
            futures.add(pool.submit(() -> {
                List<WriteRequest> batch = new ArrayList<>(25);
                for (long i = from; i < to; i++) {
                    Map<String, AttributeValue> item = new HashMap<>();
                    item.put("list", AttributeValue.fromS("Raw"));
                    item.put("leadId", AttributeValue.fromS(String.format("raw-%09d", i)));
                    item.put("firstName", AttributeValue.fromS("Ann"));
                    item.put("lastName", AttributeValue.fromS("Lee"));
                    item.put("phone1", AttributeValue.fromS("07412345678"));
                    item.put("phone1E164", AttributeValue.fromS("+447412345678"));
                    item.put("email", AttributeValue.fromS("ann.lee" + i + "@example.com"));
                    item.put("address1", AttributeValue.fromS("12 High Street, Flat 3"));
                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                    if (batch.size() == 25 || i == to - 1) {
                        List<WriteRequest> send = List.copyOf(batch);
                        client.batchWriteItem(b -> b.requestItems(Map.of(table, send)));
                        batch.clear();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return items / ((System.nanoTime() - start) / 1e9);
    }

    /** The DynamoDB server's own JVM; {@code -Dbench.dynamodbJvm="..."} adds options to it (a profiler, say). */
    private static Process startDynamoDb() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        String extra = System.getProperty("bench.dynamodbJvm", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.leadimport.local.dynamodb.DynamoDbEmulator"));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static URI endpointOf(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.startsWith("endpoint ")) {
            line = out.readLine(); // what the JVM or a profiler printed first
        }
        if (line == null) {
            throw new IllegalStateException("the DynamoDB process did not start: " + line);
        }
        return URI.create(line.substring("endpoint ".length()));
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
