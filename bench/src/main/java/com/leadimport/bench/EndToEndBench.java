package com.leadimport.bench;

import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.DeleteExisting;
import com.leadimport.domain.request.Details;
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
    /**
     * Untimed imports before the timed one. On 2 cores the JIT compiler shares them with both JVMs'
     * work and settles only over several imports (measured, CPU seconds of its threads in each of four
     * 400,000-row imports: 23, 13, 3, 2), so the pipeline is measured as the raw writes are: compiled.
     */
    private static final long WARM_UPS = 3;
    /** Timed rounds (an import, then the raw writes); the last line gives the median of their ratios. */
    private static final long ROUNDS = 3;

    private EndToEndBench() {
    }

    static void run(Options options) throws Exception {
        long rows = options.getLong("rows", 400_000);
        Path work = Files.createTempDirectory("lead-import-e2e");
        Path file = work.resolve("leads.csv");
        LeadFileGenerator.writeRows(file, rows, 7);
        System.out.printf(Locale.ROOT, "generated %d rows, %.1f MB%n", rows, Files.size(file) / 1048576.0);
        long warmUpRows = options.getLong("warm-up", rows);
        Path warmUpFile = work.resolve("warm-up.csv");
        LeadFileGenerator.writeRows(warmUpFile, warmUpRows, 8);

        Process dynamoDb = startDynamoDb();
        try {
            URI endpoint = endpointOf(dynamoDb);
            LocalRuntime.Settings settings = LocalRuntime.Settings.defaults(work.resolve("data")).withDynamoDb(endpoint.toString());
            try (LocalRuntime runtime = LocalRuntime.start(settings)) {
                // both JVMs compile their hot paths (the SDK's, the server's, ours) before anything is timed;
                // the raw writes that follow the pipeline find them compiled too
                for (long run = 1; warmUpRows > 0 && run <= options.getLong("warm-ups", WARM_UPS); run++) {
                    long warmUpStart = System.nanoTime();
                    CpuTimes warmUpCpu = new CpuTimes(dynamoDb);
                    ImportRecord warmUp = runtime.importFile(warmUpFile, request("Bench warm-up " + run), "bench");
                    System.out.printf(Locale.ROOT, "warm-up %d (not counted): %s, %d rows into another list in %.1f s; %s%n", run,
                            warmUp.status(), warmUpRows, (System.nanoTime() - warmUpStart) / 1e9, warmUpCpu.since());
                }
                // paired rounds, each an import and then raw writes of as many items, and the median of their
                // ratios: on a shared machine one round's figures move by a quarter with the neighbours' load
                long rounds = options.getLong("rounds", ROUNDS);
                List<Double> ratios = new ArrayList<>();
                long peak = 0;
                for (long round = 1; round <= rounds; round++) {
                    settle(dynamoDb);
                    HeapSampler heap = HeapSampler.start();
                    CpuTimes cpu = new CpuTimes(dynamoDb);
                    long start = System.nanoTime();
                    ImportRecord record = runtime.importFile(file, request(rounds == 1 ? "Bench" : "Bench " + round), "bench");
                    double seconds = (System.nanoTime() - start) / 1e9;
                    peak = Math.max(peak, heap.stop());
                    if (record.imported() == null || record.imported() + record.rejected() != rows) {
                        throw new IllegalStateException("the import did not account for every row: " + record);
                    }
                    double pipelineRate = rows / seconds;
                    System.out.printf(Locale.ROOT, "pipeline: %s, %d imported, %d rejected %s in %.1f s: %,.0f rows/s%n",
                            record.status(), record.imported(), record.rejected(), record.rejectedByReason(), seconds, pipelineRate);
                    System.out.println("pipeline " + cpu.since());

                    settle(dynamoDb);
                    CpuTimes rawCpu = new CpuTimes(dynamoDb);
                    String[] rawCpuLine = new String[1];
                    double rawRate = rawWrites(runtime.dynamoDbClient(), "raw-bench-" + round, rows, () -> rawCpuLine[0] = rawCpu.since());
                    System.out.printf(Locale.ROOT, "raw BatchWriteItem: %,.0f items/s (%d writers)%n", rawRate, WRITERS);
                    System.out.println("raw " + rawCpuLine[0]);
                    ratios.add(pipelineRate / rawRate);
                    System.out.printf(Locale.ROOT, "round %d of %d: ratio %.2f%n", round, rounds, pipelineRate / rawRate);
                }
                List<Double> sorted = ratios.stream().sorted().toList();
                double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
                System.out.printf(Locale.ROOT, "max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf(Locale.ROOT, "e2e ratios %s, median of %d rounds%n",
                        ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(), ratios.size());
                System.out.printf(Locale.ROOT, "e2e ratio %.2f peakHeapMB %d%n", median, peak >> 20);
            }
        } finally {
            dynamoDb.getOutputStream().close();
            dynamoDb.waitFor();
            deleteTree(work);
        }
    }

    /** The cpu benchmark's mapping with DNC and dedupe (phones, destination list, keep existing) on, into the list. */
    static ImportRequest request(String list) {
        ImportRequest base = CpuBench.request();
        Settings s = base.settings();
        Settings settings = new Settings("bench", false, s.format(), "", new DeleteExisting(false, false), true,
                new DncCheck(true, List.of("IVR", "Imported", "Requested")),
                new Dedupe(true, Dedupe.On.PHONE, Dedupe.Scope.LISTS, true, List.of(), Dedupe.Action.KEEP_EXISTING),
                null, false, null, null, null);
        Details d = base.details();
        return new ImportRequest(new Details(d.notes(), list, d.supplier(), d.costPerLead(), d.adHoc()), settings, base.mapping(),
                null, null);
    }

    /**
     * Waits until the DynamoDB server is idle (under 2% of a core for a whole second, at most a
     * minute): its store merges what was written in the background for a while after the writes
     * (RocksDB compaction, seconds of CPU after an import or the raw writes), and each timed phase
     * should pay for what it writes, not for what the phase before it wrote.
     */
    private static void settle(Process server) throws InterruptedException {
        long start = System.nanoTime();
        long before = CpuTimes.total(server.pid());
        while (System.nanoTime() - start < 60_000_000_000L) {
            Thread.sleep(1_000);
            long now = CpuTimes.total(server.pid());
            if (now - before <= 2) {
                break;
            }
            before = now;
        }
        System.out.printf(Locale.ROOT, "DynamoDB server idle after %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /**
     * The same number of lead-sized items, BatchWriteItem 25 at a time, WRITERS requests in flight.
     * {@code whileWritersLive} runs after the writes, before the writers' threads end (a thread's CPU
     * time is gone from /proc once it has ended).
     */
    private static double rawWrites(DynamoDbClient client, String table, long items, Runnable whileWritersLive) throws Exception {
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
        double rate = items / ((System.nanoTime() - start) / 1e9);
        whileWritersLive.run();
        pool.shutdown();
        return rate;
    }

    /**
     * CPU time spent since creation by this JVM (the pipeline or the raw writers) and by the DynamoDB
     * server's process, each by thread (Linux /proc; threads named alike, e.g. a pool's, counted together).
     */
    private static final class CpuTimes {
        private final long serverPid;
        private final Map<String, Long> own;
        private final Map<String, Long> server;
        private final long wallStart = System.nanoTime();

        CpuTimes(Process server) {
            this.serverPid = server.pid();
            this.own = threadTicks(ProcessHandle.current().pid());
            this.server = threadTicks(serverPid);
        }

        /** Clock ticks (1/100 s) of user and system time of the whole process. */
        static long total(long pid) {
            return threadTicks(pid).values().stream().mapToLong(Long::longValue).sum();
        }

        /** Clock ticks (1/100 s) of user and system time by thread name, digits folded. */
        private static Map<String, Long> threadTicks(long pid) {
            Map<String, Long> ticks = new java.util.TreeMap<>();
            File[] tasks = new File("/proc/" + pid + "/task").listFiles();
            for (File task : tasks == null ? new File[0] : tasks) {
                try {
                    String name = Files.readString(task.toPath().resolve("comm")).trim().replaceAll("[0-9]+", "N");
                    String stat = Files.readString(task.toPath().resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
            return ticks;
        }

        private static String since(Map<String, Long> before, Map<String, Long> after) {
            long total = 0;
            List<Map.Entry<String, Long>> spent = new ArrayList<>();
            for (Map.Entry<String, Long> thread : after.entrySet()) {
                long ticks = thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
                total += ticks;
                if (ticks >= 50) {
                    spent.add(Map.entry(thread.getKey(), ticks));
                }
            }
            spent.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.1f s (", total / 100.0));
            for (int i = 0; i < spent.size(); i++) {
                line.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f", spent.get(i).getKey(),
                        spent.get(i).getValue() / 100.0));
            }
            return line.append(')').toString();
        }

        String since() {
            return String.format(Locale.ROOT, "cpu in %.1f s: this JVM %s; DynamoDB server %s", (System.nanoTime() - wallStart) / 1e9,
                    since(own, threadTicks(ProcessHandle.current().pid())), since(server, threadTicks(serverPid)));
        }
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
