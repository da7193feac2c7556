package com.leadimport.bench;

import com.leadimport.adapters.Tables;
import com.leadimport.adapters.dynamodb.DynamoStores;
import com.leadimport.adapters.dynamodb.TableDefinitions;
import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import com.leadimport.imports.ImportRecord;
import com.leadimport.local.LocalRuntime;
import com.leadimport.local.dynamodb.DynamoDbEmulator;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.StoredLead;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Does the local store's cost grow with what it holds? Fills a data dir with 1,000,000 leads and
 * their dedupe keys through the lead store (as the pipeline writes them: leads on other lists,
 * numbers drawn like the import file's, so many of its keys exist on other lists), then in the
 * same run imports one 200,000-row file (dedupe on, destination list) into that full store and
 * into empty ones, twice each (full, empty, empty, full, after a warm-up import, so that the
 * JVM's warming up weighs on both sides alike), and times a CLI command ({@code dnc add}) on both
 * data dirs. Run under
 * {@code -Xmx256m}: the heap must not hold the store.
 * Last line: {@code store importRatio <full/empty> startRatio <full/empty> peakHeapMB <n>}.
 */
final class StoreBench {

    private static final String[] FIRST = {"Ann", "Bob", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ian", "Jo"};
    private static final String[] MOBILE_PREFIXES = {"7412", "7911", "7797", "7624", "7890", "7506", "7123"};

    private StoreBench() {
    }

    static void run(Options options) throws Exception {
        long fill = options.getLong("fill", 1_000_000);
        long rows = options.getLong("rows", 200_000);
        Path work = Files.createTempDirectory("lead-import-store");
        try {
            Path file = work.resolve("leads.csv");
            LeadFileGenerator.writeRows(file, rows, 11);
            Path full = work.resolve("full");
            Path empty = work.resolve("empty");
            HeapSampler heap = HeapSampler.start();

            long start = System.nanoTime();
            fill(full, fill);
            System.out.printf(Locale.ROOT, "filled %,d leads in %.1f s (%.1f MB on disk)%n", fill, seconds(start),
                    size(full) / 1048576.0);

            importInto(work.resolve("warm-up"), file, rows, "Bench", "warm-up (not counted: JIT compilation)");
            // full, empty, empty, full: the JVM keeps warming up over the runs, and the order cancels that drift;
            // each run imports into a list of its own, into the full store or a fresh empty one
            double[] full1 = importInto(full, file, rows, "Bench 1", "full");
            double[] empty1 = importInto(empty.resolve("1"), file, rows, "Bench 1", "empty");
            double[] empty2 = importInto(empty.resolve("2"), file, rows, "Bench 2", "empty");
            double[] full2 = importInto(full, file, rows, "Bench 2", "full");
            if (full1[2] != empty1[2] || full2[2] != empty2[2]) {
                throw new IllegalStateException("the imports differ: " + full1[2] + ", " + empty1[2] + ", " + empty2[2] + ", "
                        + full2[2] + " imported");
            }
            double[] fullImport = {full1[0] + full2[0], full1[1] + full2[1]};
            double[] emptyImport = {empty1[0] + empty2[0], empty1[1] + empty2[1]};
            double fullCommand = cliSeconds(full);
            double emptyCommand = cliSeconds(empty);
            System.out.printf(Locale.ROOT, "dnc add: full store %.2f s, empty store %.2f s%n", fullCommand, emptyCommand);
            System.out.printf(Locale.ROOT, "runtime start (two each): full store %.2f s, empty store %.2f s%n", fullImport[1],
                    emptyImport[1]);
            long peak = heap.stop();
            System.out.printf(Locale.ROOT, "max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "store importRatio %.2f startRatio %.2f peakHeapMB %d%n", fullImport[0] / emptyImport[0],
                    fullCommand / emptyCommand, peak >> 20);
        } finally {
            EndToEndBench.deleteTree(work);
        }
    }

    /**
     * 1,000 leads a call to the lead store, as WriteChunk writes them, on ten lists the import does
     * not use; then waits for the storage engine's compactions, so the fill's debt is not billed to
     * the first import.
     */
    private static void fill(Path dataDir, long leads) throws InterruptedException {
        Random random = new Random(3);
        Tables tables = Tables.withPrefix(LocalRuntime.PREFIX);
        try (DynamoDbEmulator server = DynamoDbEmulator.start(dataDir.resolve("dynamodb"));
             DynamoDbClient client = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.EU_WEST_2)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(ApacheHttpClient.builder().maxConnections(64).build()).build()) {
            TableDefinitions.createMissing(client, tables);
            LeadStore store = DynamoStores.create(client, tables).leads();
            List<StoredLead> batch = new ArrayList<>();
            for (long n = 0; n < leads; n++) {
                batch.add(lead(random, n));
                if (batch.size() == 1000 || n == leads - 1) {
                    store.write(batch);
                    batch.clear();
                }
                if (n > 0 && n % 200_000 == 0) {
                    System.out.printf(Locale.ROOT, "  %,d leads written%n", n);
                }
            }
            server.awaitIdle();
        }
    }

    private static StoredLead lead(Random random, long n) {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        String first = FIRST[random.nextInt(FIRST.length)];
        fields.put(LeadField.FIRST_NAME, first);
        fields.put(LeadField.LAST_NAME, "Filler");
        fields.put(LeadField.ADDRESS1, (1 + random.nextInt(200)) + " High Street, Flat " + random.nextInt(9));
        fields.put(LeadField.TOWN, "Leeds");
        fields.put(LeadField.POSTCODE, "LS" + random.nextInt(30) + " " + random.nextInt(10) + "AB");
        if (random.nextInt(10) >= 2) {
            fields.put(LeadField.EMAIL, (first + ".filler" + n + "@example.com").toLowerCase(Locale.ROOT));
        }
        Map<LeadField, FormattedPhone> phones = new EnumMap<>(LeadField.class);
        String mobile = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + (100000 + random.nextInt(900000));
        phones.put(LeadField.PHONE1, new FormattedPhone("0" + mobile, "+44" + mobile));
        String importId = "filler-" + (n / 100_000);
        Lead lead = new Lead(n + 2, fields, phones, null, null, "Europe/London", Map.of());
        return new StoredLead(StoredLead.leadId(importId, n + 2), "Archive " + (n % 10), importId, lead, null, null, 0);
    }

    /** @return {import seconds, runtime start seconds, leads imported} */
    private static double[] importInto(Path dataDir, Path file, long rows, String list, String label) {
        long start = System.nanoTime();
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(dataDir))) {
            double started = seconds(start);
            long importStart = System.nanoTime();
            ImportRecord record = runtime.importFile(file, EndToEndBench.request(list), "bench");
            double seconds = seconds(importStart);
            if (record.imported() == null || record.imported() + record.rejected() != rows) {
                throw new IllegalStateException("the import did not account for every row: " + record);
            }
            System.out.printf(Locale.ROOT, "import into list '%s' of the %s store: %s, %,d imported, %,d rejected %s in %.1f s:"
                    + " %,.0f rows/s%n", list, label, record.status(), record.imported(), record.rejected(), record.rejectedByReason(), seconds, rows / seconds);
            return new double[] {seconds, started, record.imported()};
        }
    }

    /** Wall time of {@code dnc add} run as a user would (the CLI's main in a JVM of its own, same heap limit). */
    private static double cliSeconds(Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                com.leadimport.local.Cli.class.getName(), "dnc", "add", "Requested",
                "07911123456", "--data", dataDir.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("dnc add failed on " + dataDir);
        }
        return seconds(start);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.map(Path::toFile).filter(File::isFile).mapToLong(File::length).sum();
        }
    }
}
