package com.leadimport.workflow;

import com.leadimport.domain.dedupe.InFileDuplicates;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between the two parallel phases: applies the contract's in-file rule to the whole file at
 * once, from every chunk's key fingerprints, and writes each chunk the row numbers that lose, each with the row it loses to.
 * Depends only on row numbers, so the answer is the same however the chunks were scheduled.
 *
 * <p>Then finds the keys that the remaining rows of more than one chunk share: those chunks
 * must not each rewrite the key's index entry, so WriteChunk leaves such keys to WriteKeys (one
 * writer per key) and writes every other key's entry itself, side by side with the leads. Writes
 * the import's keys too, all of them once, for PrepareList to set against the lists' keys.
 */
public final class ResolveDuplicates {

    private final ImportStore imports;
    private final FileStore files;
    private final String workBucket;

    /** Work-file reads and writes side by side: two a chunk, each tens of milliseconds on S3. */
    private static final int REQUESTS_IN_FLIGHT = 4;

    public ResolveDuplicates(ImportStore imports, FileStore files, String workBucket) {
        this.imports = imports;
        this.files = files;
        this.workBucket = workBucket;
    }

    /** @return how many rows of the file are in-file duplicates */
    public long resolve(SplitResult split) {
        ImportRecord record = imports.find(split.importId()).orElseThrow();
        Dedupe dedupe = record.request().settings().dedupe();
        InFileDuplicates duplicates = dedupe == null || !dedupe.enabled() ? null : new InFileDuplicates(dedupe.action());
        try (InFlight requests = new InFlight(REQUESTS_IN_FLIGHT, "resolve-work-files")) {
            return resolve(split, duplicates, requests);
        }
    }

    private long resolve(SplitResult split, InFileDuplicates duplicates, InFlight requests) {
        // every chunk's fingerprints, read once (8 bytes a key: a few MB for a 50 MB file)
        List<byte[]> fingerprints = new ArrayList<>(split.chunkCount());
        Iterator<byte[]> read = requests.inOrder(WorkFiles.ofChunks(split.importId(), split.chunkCount(), WorkFiles::fingerprints),
                key -> files.read(workBucket, key));
        while (read.hasNext()) {
            byte[] ofChunk = read.next();
            fingerprints.add(ofChunk);
            if (duplicates != null) {
                Fingerprints.addAll(ofChunk, duplicates);
            }
        }
        // then chunk by chunk, in one pass: the rows that lose, and the distinct keys of those that do not
        long total = 0;
        LongList keys = new LongList();
        for (int chunk = 0; chunk < split.chunkCount(); chunk++) {
            Map<Long, Long> losers = new LinkedHashMap<>();
            LongList ofChunk = new LongList();
            Fingerprints.forEach(fingerprints.get(chunk),
                    (row, deduped, others) -> {
                        long winner = duplicates == null ? 0 : duplicates.duplicateOf(row, deduped);
                        if (winner != 0) {
                            losers.put(row, winner);
                        } else {
                            ofChunk.addAll(deduped);
                            ofChunk.addAll(others);
                        }
                    });
            if (duplicates != null) {
                String losersFile = WorkFiles.duplicates(split.importId(), chunk);
                byte[] encoded = InFileLosers.encode(losers);
                requests.write(() -> files.put(workBucket, losersFile, encoded, "application/octet-stream"));
                total += losers.size();
            }
            keys.addAll(ofChunk.distinct());
        }
        requests.awaitWrites();
        writeKeys(split, keys);
        return total;
    }

    /**
     * The import's keys, and the fingerprints of keys that surviving rows of two or more chunks
     * have: each chunk's distinct keys, all sorted together; a key that appears twice is in two chunks.
     */
    private void writeKeys(SplitResult split, LongList ofEveryChunk) {
        long[] sorted = ofEveryChunk.sorted();
        files.put(workBucket, WorkFiles.importKeys(split.importId()),
                Fingerprints.encodeSorted(distinct(sorted)), "application/octet-stream");
        LongList shared = new LongList();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1] && (shared.size() == 0 || shared.last() != sorted[i])) {
                shared.add(sorted[i]);
            }
        }
        files.put(workBucket, WorkFiles.sharedKeys(split.importId()), Fingerprints.encodeSorted(shared.sorted()),
                "application/octet-stream");
    }

    /** A growable array of longs (a file's keys without boxing each). */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(long[] more) {
            for (long value : more) {
                add(value);
            }
        }

        int size() {
            return size;
        }

        long last() {
            return values[size - 1];
        }

        long[] sorted() {
            long[] copy = java.util.Arrays.copyOf(values, size);
            java.util.Arrays.sort(copy);
            return copy;
        }

        long[] distinct() {
            return ResolveDuplicates.distinct(sorted());
        }
    }

    /** A sorted array without its repeats, in one pass (a LongStream's distinct boxes every value into a set). */
    private static long[] distinct(long[] sorted) {
        long[] distinct = new long[sorted.length];
        int kept = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (kept == 0 || sorted[i] != distinct[kept - 1]) {
                distinct[kept++] = sorted[i];
            }
        }
        return java.util.Arrays.copyOf(distinct, kept);
    }
}
