package com.leadimport.bench.engines;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The storage engines the DynamoDB server could sit on, measured side by side on the server's
 * access patterns at the byte level (the same keys and values for each): batched writes of
 * lead-sized items with their index entries and dedupe key items, each batch read before it is
 * written as the server does for index upkeep and conditions; batched gets of 100 keys (half
 * absent, as dedupe presence markers are); key-range reads of 500 in a partition; index upkeep
 * (an item's index key changed: old entry deleted, new one put, in one batch).
 * {@code java -jar lead-import-bench.jar engines [--leads 300000] [--threads 4]}
 */
public final class EnginesBench {

    private static final int LISTS = 20;
    private static final int LEADS_PER_BATCH = 7;

    private EnginesBench() {
    }

    public static void run(long leads, int threads, String only) throws Exception {
        List<Function<Path, OrderedStore>> engines = switch (only) {
            case "rocksdb" -> List.of(RocksStore::new);
            case "mvstore" -> List.of(MvStore::new);
            case "sqlite" -> List.of(SqliteStore::new);
            default -> List.of(RocksStore::new, MvStore::new, SqliteStore::new);
        };
        List<String> lines = new ArrayList<>();
        for (Function<Path, OrderedStore> engine : engines) {
            Path dir = Files.createTempDirectory("lead-import-engine");
            try {
                lines.add(measure(engine, dir, leads, threads));
            } finally {
                deleteTree(dir);
            }
        }
        System.out.println();
        System.out.println("engine | writes (leads/s) | batched gets (keys/s) | range reads (items/s) | index upkeep (items/s) | disk MB");
        lines.forEach(System.out::println);
    }

    private static String measure(Function<Path, OrderedStore> engine, Path dir, long leads, int threads) throws Exception {
        try (OrderedStore store = engine.apply(dir)) {
            System.out.println("== " + store.name());
            long batches = leads / LEADS_PER_BATCH;
            double writes = timed(threads, batches, b -> store.write(leadBatch(store, b)));
            double writeRate = batches * LEADS_PER_BATCH / writes;
            System.out.printf(Locale.ROOT, "writes: %,d leads in %.1f s: %,.0f leads/s%n", batches * LEADS_PER_BATCH, writes, writeRate);

            long getBatches = 20_000;
            double gets = timed(threads, getBatches, b -> {
                Random random = new Random(b);
                List<byte[]> keys = new ArrayList<>(100);
                for (int k = 0; k < 100; k++) {
                    long lead = random.nextLong(leads * 2); // half of them were never written
                    keys.add(key("D", "P#+4474" + lead, "\u0002"));
                }
                store.multiGet(keys);
            });
            double getRate = getBatches * 100 / gets;
            System.out.printf(Locale.ROOT, "batched gets: %,.0f keys/s%n", getRate);

            long ranges = 4_000;
            AtomicLong read = new AtomicLong();
            double rangeTime = timed(threads, ranges, r -> {
                Random random = new Random(r);
                String list = "List " + random.nextInt(LISTS);
                long from = random.nextLong(leads);
                store.range(key("L", list, leadId(from)), key("L", list + "\u0001", ""), 500, (k, v) -> read.incrementAndGet());
            });
            double rangeRate = read.get() / rangeTime;
            System.out.printf(Locale.ROOT, "range reads: %,.0f items/s (%,d items)%n", rangeRate, read.get());

            long upkeepBatches = Math.min(batches, 20_000);
            double upkeep = timed(threads, upkeepBatches, b -> {
                List<OrderedStore.Put> batch = new ArrayList<>();
                List<byte[]> keys = new ArrayList<>();
                for (int i = 0; i < LEADS_PER_BATCH; i++) {
                    long lead = b * LEADS_PER_BATCH + i;
                    keys.add(key("L", list(lead), leadId(lead)));
                }
                store.multiGet(keys);
                for (int i = 0; i < LEADS_PER_BATCH; i++) {
                    long lead = b * LEADS_PER_BATCH + i;
                    batch.add(new OrderedStore.Put(key("L", list(lead), leadId(lead)), leadValue(lead, "import-2")));
                    batch.add(new OrderedStore.Put(key("I", "import-" + lead % 50, leadId(lead)), null));
                    batch.add(new OrderedStore.Put(key("I", "import-2", leadId(lead)), new byte[0]));
                }
                store.write(batch);
            });
            double upkeepRate = upkeepBatches * LEADS_PER_BATCH / upkeep;
            System.out.printf(Locale.ROOT, "index upkeep: %,.0f items/s%n", upkeepRate);
            long disk = size(dir);
            return String.format(Locale.ROOT, "%s | %,.0f | %,.0f | %,.0f | %,.0f | %.0f", store.name(), writeRate, getRate,
                    rangeRate, upkeepRate, disk / 1048576.0);
        }
    }

    /** Seven leads, each with its ByImport entry, two dedupe key items and a presence marker, read first as the server does. */
    private static List<OrderedStore.Put> leadBatch(OrderedStore store, long b) {
        List<OrderedStore.Put> batch = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < LEADS_PER_BATCH; i++) {
            long lead = b * LEADS_PER_BATCH + i;
            byte[] leadKey = key("L", list(lead), leadId(lead));
            keys.add(leadKey);
            batch.add(new OrderedStore.Put(leadKey, leadValue(lead, "import-" + lead % 50)));
            batch.add(new OrderedStore.Put(key("I", "import-" + lead % 50, leadId(lead)), new byte[0]));
            for (String dedupe : new String[] {"P#+4474" + lead, "E#lead" + lead + "@example.com"}) {
                byte[] ref = key("D", dedupe, list(lead) + "\u001f" + leadId(lead));
                keys.add(ref);
                batch.add(new OrderedStore.Put(ref, ("{\"list\":{\"S\":\"" + list(lead) + "\"},\"leadId\":{\"S\":\"" + leadId(lead)
                        + "\"}}").getBytes(StandardCharsets.UTF_8)));
                batch.add(new OrderedStore.Put(key("D", dedupe, "\u0002"), new byte[] {'{', '}'}));
            }
        }
        store.multiGet(keys);
        return batch;
    }

    private static String list(long lead) {
        return "List " + lead % LISTS;
    }

    private static String leadId(long lead) {
        return String.format(Locale.ROOT, "3e85b0f2-77c1-4c1e-9a51-%012d", lead);
    }

    /** About 420 bytes, as a lead item serialises. */
    private static byte[] leadValue(long lead, String importId) {
        return ("{\"list\":{\"S\":\"" + list(lead) + "\"},\"leadId\":{\"S\":\"" + leadId(lead) + "\"},\"importId\":{\"S\":\""
                + importId + "\"},\"firstName\":{\"S\":\"Ann\"},\"lastName\":{\"S\":\"Lee\"},\"phone1\":{\"S\":\"0741"
                + (1000000 + lead % 8999999) + "\"},\"phone1E164\":{\"S\":\"+44741" + lead + "\"},\"email\":{\"S\":\"lead" + lead
                + "@example.com\"},\"address1\":{\"S\":\"12 High Street, Flat 3\"},\"town\":{\"S\":\"Leeds\"},\"postcode\":"
                + "{\"S\":\"LS1 4AB\"},\"callInfo\":{\"S\":\"Name: Ann Lee\\nRef: A" + lead + "\"},\"timeZone\":{\"S\":"
                + "\"Europe/London\"},\"expiresOn\":{\"S\":\"2026-12-31\"},\"callAttempts\":{\"N\":\"0\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A table letter, then the partition and sort key each ended by 0x00 (none of our strings hold one). */
    private static byte[] key(String table, String partition, String sort) {
        byte[] t = table.getBytes(StandardCharsets.UTF_8);
        byte[] p = partition.getBytes(StandardCharsets.UTF_8);
        byte[] s = sort.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[t.length + p.length + s.length + 2];
        System.arraycopy(t, 0, key, 0, t.length);
        System.arraycopy(p, 0, key, t.length, p.length);
        System.arraycopy(s, 0, key, t.length + p.length + 1, s.length);
        return key;
    }

    private static double timed(int threads, long tasks, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (long n = next.getAndIncrement(); n < tasks; n = next.getAndIncrement()) {
                    task.accept((int) n);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
