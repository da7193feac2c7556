package com.leadimport.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadimport.imports.ImportRecord;
import com.leadimport.local.LocalRuntime;
import com.leadimport.local.dynamodb.Capacity;
import com.leadimport.local.dynamodb.DynamoDbEmulator;
import com.leadimport.local.sfn.TaskInvoker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an import would cost and take on AWS, modelled from a local run: the file is imported
 * through the local runtime (the real definition and handlers) with the DynamoDB server billing
 * every request as DynamoDB does; the units of each phase, per table and index and per partition
 * key, are then set against DynamoDB's documented limits (1,000 write and 3,000 read units a
 * second per partition; 4,000 write and 12,000 read units a second on a new on-demand table or
 * index, or the warm throughput the template sets) and against the Map concurrency of the
 * definition (each phase needs at least ceil(tasks / MaxConcurrency) rounds of its median task
 * time, as measured here, where a task shares the machine with the DynamoDB server).
 * A phase takes the longest of those bounds; the import, the sum of its phases.
 * Last line: {@code aws writeUnitsPerLead <w> hottestKeyShare <s> modelledSeconds <new table> <warm>}.
 */
final class AwsBench {

    private static final double PARTITION_WRITES = 1_000;
    private static final double PARTITION_READS = 3_000;
    private static final double NEW_TABLE_WRITES = 4_000;
    private static final double NEW_TABLE_READS = 12_000;

    /** One phase of the workflow: its tasks' times and the units it consumed. */
    private static final class Phase {
        final String function;
        final List<Double> taskSeconds = new ArrayList<>();
        List<Capacity.PartReport> units = List.of();

        Phase(String function) {
            this.function = function;
        }

        double median() {
            List<Double> sorted = new ArrayList<>(taskSeconds);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        }
    }

    private AwsBench() {
    }

    static void run(Options options) throws Exception {
        long rows = options.getLong("rows", 550_000);
        Path work = Files.createTempDirectory("lead-import-aws");
        try {
            Path file = work.resolve("leads.csv");
            LeadFileGenerator.writeCompactRows(file, rows, 5);
            System.out.printf(Locale.ROOT, "generated %,d rows, %.1f MB%n", rows, Files.size(file) / 1048576.0);
            Map<String, Integer> concurrency = mapConcurrency();
            double[] warm = warmThroughput();
            Map<String, Phase> phases = new LinkedHashMap<>();
            try (DynamoDbEmulator server = DynamoDbEmulator.start(work.resolve("dynamodb"))) {
                LocalRuntime.Settings settings = LocalRuntime.Settings.defaults(work.resolve("data"))
                        .withDynamoDb(server.endpoint().toString())
                        .withTaskWrapper(invoker -> timed(invoker, phases, server.capacity()));
                ImportRecord record;
                try (LocalRuntime runtime = LocalRuntime.start(settings)) {
                    server.capacity().countKeys();
                    server.capacity().reset();
                    long start = System.nanoTime();
                    record = runtime.importFile(file, EndToEndBench.request("Bench"), "bench");
                    System.out.printf(Locale.ROOT, "local import: %s, %,d imported, %,d rejected in %.1f s%n", record.status(),
                            record.imported(), record.rejected(), (System.nanoTime() - start) / 1e9);
                }
                phases.values().stream().reduce((a, b) -> b).ifPresent(last -> last.units = server.capacity().report());
                report(record, rows, phases, concurrency, warm);
            }
        } finally {
            EndToEndBench.deleteTree(work);
        }
    }

    /** Times every task; when the workflow moves to another function, the units so far are the finished phase's. */
    private static TaskInvoker timed(TaskInvoker invoker, Map<String, Phase> phases, Capacity capacity) {
        return (function, payload) -> {
            synchronized (phases) {
                if (!phases.containsKey(function)) {
                    Phase previous = phases.values().stream().reduce((a, b) -> b).orElse(null);
                    if (previous != null) {
                        previous.units = capacity.report();
                        capacity.reset();
                    }
                    phases.put(function, new Phase(function));
                }
            }
            long start = System.nanoTime();
            JsonNode result = invoker.invoke(function, payload);
            synchronized (phases) {
                phases.get(function).taskSeconds.add((System.nanoTime() - start) / 1e9);
            }
            return result;
        };
    }

    private static void report(ImportRecord record, long rows, Map<String, Phase> phases, Map<String, Integer> concurrency,
                               double[] warm) {
        Map<String, double[]> perPart = new LinkedHashMap<>();
        double totalWrites = 0;
        double hottestKeyWrites = 0;
        String hottestKey = null;
        double newTableSeconds = 0;
        double warmSeconds = 0;
        System.out.println();
        System.out.println("phase | tasks | median task s | rounds (MaxConcurrency) | write units | read units | bound new table s | bound warm s");
        for (Phase phase : phases.values()) {
            int tasks = phase.taskSeconds.size();
            int maxConcurrency = concurrency.getOrDefault(phase.function, 1);
            double compute = Math.ceil(tasks / (double) maxConcurrency) * phase.median();
            double newTable = compute;
            double warmed = compute;
            double writes = 0;
            double reads = 0;
            for (Capacity.PartReport part : phase.units) {
                writes += part.writeUnits();
                reads += part.readUnits();
                double[] sum = perPart.computeIfAbsent(part.name(), n -> new double[4]);
                sum[0] += part.writeUnits();
                sum[1] += part.readUnits();
                sum[2] = Math.max(sum[2], part.hottestWriteUnits());
                sum[3] = Math.max(sum[3], part.hottestReadUnits());
                boolean warmTable = isWarm(part.name());
                boolean warmReads = isWarmForReads(part.name());
                double keyBound = Math.max(part.hottestWriteUnits() / PARTITION_WRITES, part.hottestReadUnits() / PARTITION_READS);
                newTable = Math.max(newTable, Math.max(keyBound, Math.max(part.writeUnits() / NEW_TABLE_WRITES,
                        part.readUnits() / NEW_TABLE_READS)));
                warmed = Math.max(warmed, Math.max(keyBound, Math.max(part.writeUnits() / (warmTable ? warm[0] : NEW_TABLE_WRITES),
                        part.readUnits() / (warmReads ? warm[1] : NEW_TABLE_READS))));
                if (part.hottestWriteUnits() > hottestKeyWrites) {
                    hottestKeyWrites = part.hottestWriteUnits();
                    hottestKey = part.name() + " " + part.hottestWriteKey();
                }
            }
            totalWrites += writes;
            newTableSeconds += newTable;
            warmSeconds += warmed;
            System.out.printf(Locale.ROOT, "%s | %d | %.2f | %d (%d) | %,.0f | %,.0f | %.1f | %.1f%n", phase.function, tasks,
                    phase.median(), (int) Math.ceil(tasks / (double) maxConcurrency), maxConcurrency, writes, reads, newTable, warmed);
        }
        System.out.println();
        System.out.println("table or index | write units per 1,000 rows | read units per 1,000 rows | hottest key write units | hottest key read units");
        perPart.forEach((name, sum) -> System.out.printf(Locale.ROOT, "%s | %.0f | %.0f | %.0f | %.0f%n", name,
                sum[0] * 1000 / rows, sum[1] * 1000 / rows, sum[2], sum[3]));
        double share = totalWrites == 0 ? 0 : hottestKeyWrites / totalWrites;
        double perLead = record.imported() == null || record.imported() == 0 ? 0 : totalWrites / record.imported();
        System.out.println();
        System.out.printf(Locale.ROOT, "hottest partition key by writes: %s, %.0f write units (%.2f%% of all; at most %.0f units/s"
                + " over the warm model's %.0f s)%n", hottestKey, hottestKeyWrites, share * 100, hottestKeyWrites / Math.max(warmSeconds, 1e-9),
                warmSeconds);
        System.out.printf(Locale.ROOT, "warm throughput modelled: %.0f write, %.0f read units/s (template defaults)%n", warm[0], warm[1]);
        System.out.printf(Locale.ROOT, "aws writeUnitsPerLead %.2f hottestKeyShare %.4f modelledSeconds %.0f %.0f%n", perLead, share,
                newTableSeconds, warmSeconds);
    }

    /** Tables the template pre-warms for writes (and their index), as template.yaml's WarmThroughput properties say. */
    private static boolean isWarm(String part) {
        return part.contains("-leads") || part.contains("-dedupe-keys");
    }

    /** Tables the template pre-warms for reads. */
    private static boolean isWarmForReads(String part) {
        return part.contains("-dedupe-keys") || part.contains("-dnc");
    }

    /** Each Map state's MaxConcurrency, by the function its tasks invoke, from the definition itself. */
    private static Map<String, Integer> mapConcurrency() throws Exception {
        JsonNode definition;
        try (var in = AwsBench.class.getResourceAsStream("/statemachine/import-leads.asl.json")) {
            definition = new ObjectMapper().readTree(in);
        }
        Map<String, Integer> concurrency = new LinkedHashMap<>();
        definition.get("States").forEach(state -> {
            if (state.path("Type").asText().equals("Map")) {
                JsonNode processor = state.get("ItemProcessor");
                JsonNode task = processor.get("States").get(processor.get("StartAt").asText());
                String function = task.path("Parameters").path("FunctionName").asText().replaceAll("\\$\\{(\\w+)FunctionArn}", "$1");
                concurrency.put(function, state.path("MaxConcurrency").asInt());
            }
        });
        return concurrency;
    }

    /** The template's default warm throughput (write, read units a second), read from template.yaml. */
    private static double[] warmThroughput() throws Exception {
        Path template = Path.of("template.yaml");
        if (!Files.exists(template)) {
            throw new IllegalStateException("run from the repository root: template.yaml gives the warm throughput");
        }
        String text = Files.readString(template);
        return new double[] {defaultOf(text, "WarmWriteUnitsPerSecond"), defaultOf(text, "WarmReadUnitsPerSecond")};
    }

    private static double defaultOf(String template, String parameter) {
        Matcher m = Pattern.compile(parameter + ":\\s*\\n\\s*Type: Number\\s*\\n\\s*Default: (\\d+)").matcher(template);
        if (!m.find()) {
            throw new IllegalStateException("template.yaml has no default for " + parameter);
        }
        return Double.parseDouble(m.group(1));
    }
}
