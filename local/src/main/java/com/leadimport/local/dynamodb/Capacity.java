package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Capacity units as DynamoDB bills them (CapacityUnitCalculations in the developer guide), per
 * request and in total: a write is one unit per started 1 KB of the larger of the item before
 * and after, and each global secondary index whose entry changes is billed its own writes (an
 * entry moved to another index key is a delete and a put); a read is one unit per started 4 KB,
 * half for an eventually consistent read (a query sums the sizes of every item it reads first,
 * and a read that finds nothing still costs the least unit).
 *
 * <p>Totals are kept per table and index. Per partition key, once asked to ({@link #countKeys}:
 * the aws benchmark does; nothing else reads them, and on a table whose every item has its own
 * key, the dedupe key index, counting them was a tenth of the server's CPU in an import), the
 * heaviest keys are kept (lossy counting: a table's or index's keys over 4,096 are pruned to the
 * heavier half, so a key hot enough to matter is never dropped), so memory stays bounded whatever
 * is stored.
 */
public final class Capacity {

    private static final int MAX_KEYS = 4_096;

    /** Units one request consumed on one table, per part (the table itself, or an index by name). */
    static final class Consumed {
        final String table;
        double tableRead;
        double tableWrite;
        final Map<String, double[]> indexes = new TreeMap<>();

        Consumed(String table) {
            this.table = table;
        }

        double total() {
            double total = tableRead + tableWrite;
            for (double[] units : indexes.values()) {
                total += units[0] + units[1];
            }
            return total;
        }
    }

    /** Totals and heavy keys of one table or index (locked on itself: tables are billed side by side). */
    private static final class Part {
        double read;
        double write;
        final Map<String, double[]> keys = new HashMap<>();
    }

    private final Map<String, Part> parts = new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile boolean countingKeys;

    /** From now on, units are counted per partition key too (for {@link #report}'s hottest keys). */
    public void countKeys() {
        countingKeys = true;
    }

    static double writeUnits(int bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, (bytes + 4095) / 4096);
        return consistent ? units : units / 2;
    }

    /** Records units on a table ({@code index} null) or one of its indexes, for a partition key value. */
    void record(Consumed consumed, String index, String partitionKey, double read, double write) {
        if (index == null) {
            consumed.tableRead += read;
            consumed.tableWrite += write;
        } else {
            double[] units = consumed.indexes.computeIfAbsent(index, i -> new double[2]);
            units[0] += read;
            units[1] += write;
        }
        Part part = parts.computeIfAbsent(index == null ? consumed.table : consumed.table + "." + index, p -> new Part());
        synchronized (part) {
            add(part, countingKeys ? partitionKey : null, read, write);
        }
    }

    /** @param partitionKey null: the totals alone */
    private static void add(Part part, String partitionKey, double read, double write) {
        part.read += read;
        part.write += write;
        if (partitionKey == null) {
            return;
        }
        double[] key = part.keys.computeIfAbsent(partitionKey, k -> new double[2]);
        key[0] += read;
        key[1] += write;
        if (part.keys.size() > MAX_KEYS) {
            keepHeavierHalf(part.keys);
        }
    }

    /**
     * Drops the lighter half of the keys (of keys as heavy as the heaviest one dropped, those met
     * first go). Sorts their totals alone, not the entries: a table whose every item has its own
     * partition key (the dedupe key index) prunes once every 2,048 writes.
     */
    static void keepHeavierHalf(Map<String, double[]> keys) {
        double[] totals = new double[keys.size()];
        int i = 0;
        for (double[] units : keys.values()) {
            totals[i++] = units[0] + units[1];
        }
        Arrays.sort(totals);
        int drop = totals.length / 2;
        double heaviestDropped = totals[drop - 1];
        int lighter = 0;
        while (totals[lighter] < heaviestDropped) {
            lighter++;
        }
        int tiesToDrop = drop - lighter;
        for (Iterator<double[]> it = keys.values().iterator(); it.hasNext(); ) {
            double[] units = it.next();
            double total = units[0] + units[1];
            if (total < heaviestDropped) {
                it.remove();
            } else if (total == heaviestDropped && tiesToDrop > 0) {
                it.remove();
                tiesToDrop--;
            }
        }
    }

    /** The ConsumedCapacity answer of one table for ReturnConsumedCapacity TOTAL or INDEXES. */
    static ObjectNode answer(Consumed consumed, String mode) {
        ObjectNode answer = Values.JSON.objectNode();
        answer.put("TableName", consumed.table);
        answer.put("CapacityUnits", consumed.total());
        double read = consumed.tableRead;
        double write = consumed.tableWrite;
        for (double[] units : consumed.indexes.values()) {
            read += units[0];
            write += units[1];
        }
        answer.put("ReadCapacityUnits", read);
        answer.put("WriteCapacityUnits", write);
        if (mode.equals("INDEXES")) {
            answer.putObject("Table").put("CapacityUnits", consumed.tableRead + consumed.tableWrite)
                    .put("ReadCapacityUnits", consumed.tableRead).put("WriteCapacityUnits", consumed.tableWrite);
            if (!consumed.indexes.isEmpty()) {
                ObjectNode indexes = answer.putObject("GlobalSecondaryIndexes");
                consumed.indexes.forEach((name, units) -> indexes.putObject(name).put("CapacityUnits", units[0] + units[1])
                        .put("ReadCapacityUnits", units[0]).put("WriteCapacityUnits", units[1]));
            }
        }
        return answer;
    }

    static ArrayNode answers(List<Consumed> consumed, String mode) {
        ArrayNode answers = Values.JSON.arrayNode();
        consumed.forEach(c -> answers.add(answer(c, mode)));
        return answers;
    }

    /**
     * One table or index: its units, and the partition keys with the most write units and the most
     * read units (the per-partition limits differ), with their units (null and 0 unless keys are
     * {@linkplain #countKeys counted}).
     */
    public record PartReport(String name, double readUnits, double writeUnits, String hottestWriteKey, double hottestWriteUnits,
                             String hottestReadKey, double hottestReadUnits) {
    }

    /** Every table and index that consumed units, by name ({@code table} or {@code table.index}). */
    public List<PartReport> report() {
        List<PartReport> report = new ArrayList<>();
        parts.forEach((name, part) -> {
            synchronized (part) {
            Map.Entry<String, double[]> writes = part.keys.entrySet().stream()
                    .max(Comparator.comparingDouble(e -> e.getValue()[1])).orElse(null);
            Map.Entry<String, double[]> reads = part.keys.entrySet().stream()
                    .max(Comparator.comparingDouble(e -> e.getValue()[0])).orElse(null);
            report.add(new PartReport(name, part.read, part.write, writes == null ? null : writes.getKey(),
                    writes == null ? 0 : writes.getValue()[1], reads == null ? null : reads.getKey(),
                    reads == null ? 0 : reads.getValue()[0]));
            }
        });
        return report;
    }

    /** Starts counting afresh (the benchmark measures one import). */
    public void reset() {
        parts.clear();
    }
}
