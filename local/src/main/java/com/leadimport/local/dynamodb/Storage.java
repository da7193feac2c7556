package com.leadimport.local.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiPredicate;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The storage engine under the DynamoDB server: RocksDB (README, "The local store", has the
 * measurements it was chosen by). One ordered key space of bytes; every change is one
 * {@link WriteBatch}, atomic, and in the write-ahead log before the call returns, so a killed
 * process loses nothing it acknowledged (no fsync per write: a power cut may lose the last
 * moments, as the service's own guarantees do not matter locally).
 *
 * <p>Memory is bounded and off the Java heap: a 32 MB block cache, two 64 MB write buffers;
 * closing flushes them, so opening replays nothing after a clean close and at most the
 * unflushed write buffers after a kill, whatever the store holds. Universal
 * compaction: an import into a store of millions of leads rewrites little of what was there.
 */
final class Storage implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private static final long CACHE_BYTES = 32L << 20;
    /**
     * Each flush of a write buffer is a sorted run that universal compaction merges with the others:
     * 64 MB buffers (16 MB before) make a quarter as many runs, and compaction CPU fell by about half
     * (measured: the e2e benchmark's RocksDB compaction threads over two imports, then an import and
     * its raw writes: 4.1 and 6.1 s against 10.7-11.9 s in three runs).
     */
    private static final long WRITE_BUFFER_BYTES = 64L << 20;

    private final LRUCache cache;
    private final Options options;
    private final RocksDB db;
    private final WriteOptions writeOptions = new WriteOptions();
    private final Path dir;

    private Storage(Path dir) {
        this.dir = dir;
        this.cache = new LRUCache(CACHE_BYTES);
        // universal compaction rewrites less of a full store while an import writes into it (measured: importRatio
        // 1.31 with level compaction, 1.15 with universal), at the price of more disk for a while
        this.options = new Options().setCreateIfMissing(true).setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(2).setMaxOpenFiles(256).setKeepLogFileNum(2)
                .setCompactionStyle(CompactionStyle.UNIVERSAL)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(new BloomFilter(10)));
        try {
            Files.createDirectories(dir);
            this.db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            close(options, cache);
            if (String.valueOf(e.getMessage()).contains("LOCK")) {
                throw new DataDirInUseException(dir);
            }
            throw new IllegalStateException("cannot open the local DynamoDB store in " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            close(options, cache);
            throw new UncheckedIOException("cannot create the local DynamoDB store's folder " + dir, e);
        }
    }

    static Storage open(Path dir) {
        return new Storage(dir);
    }

    Path dir() {
        return dir;
    }

    byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /** The values of the keys, in their order (null where absent), in one call: a batch's old items. */
    List<byte[]> getAll(List<byte[]> keys) {
        try {
            return db.multiGetAsList(keys);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /** Applies the batch, all of it or none, durably against a killed process. */
    void write(WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /**
     * Visits entries with {@code low <= key < high} (either bound may be null: unbounded within
     * {@code within}, the prefix every visited key has), ascending or descending, until the
     * visitor returns false. One iterator: a consistent view of the store as of the start.
     */
    void range(byte[] within, byte[] low, byte[] high, boolean forward, BiPredicate<byte[], byte[]> visitor) {
        byte[] lower = low != null ? low : within;
        byte[] upper = high != null ? high : KeyCodec.successor(within);
        try (Slice lowerSlice = new Slice(lower); Slice upperSlice = upper == null ? null : new Slice(upper);
             ReadOptions read = new ReadOptions().setIterateLowerBound(lowerSlice)) {
            if (upperSlice != null) {
                read.setIterateUpperBound(upperSlice);
            }
            try (RocksIterator it = db.newIterator(read)) {
                if (forward) {
                    it.seek(lower);
                } else if (upper == null) {
                    it.seekToLast();
                } else {
                    it.seekForPrev(upper);
                }
                for (; it.isValid(); step(it, forward)) {
                    byte[] key = it.key();
                    if (upper != null && java.util.Arrays.compareUnsigned(key, upper) >= 0) {
                        continue; // seekForPrev lands on the upper bound itself when it exists
                    }
                    if (!visitor.test(key, it.value())) {
                        return;
                    }
                }
                it.status();
            } catch (RocksDBException e) {
                throw failure("read", e);
            }
        }
    }

    private static void step(RocksIterator it, boolean forward) {
        if (forward) {
            it.next();
        } else {
            it.prev();
        }
    }

    /** Waits until no flush or compaction is pending or running (benchmarks: so that one phase's debt is not billed to the next). */
    void awaitIdle() throws InterruptedException {
        try {
            while (db.getLongProperty("rocksdb.compaction-pending") > 0 || db.getLongProperty("rocksdb.num-running-compactions") > 0
                    || db.getLongProperty("rocksdb.num-running-flushes") > 0 || db.getLongProperty("rocksdb.mem-table-flush-pending") > 0) {
                Thread.sleep(100);
            }
        } catch (RocksDBException e) {
            throw failure("report its state", e);
        }
    }

    private IllegalStateException failure(String what, RocksDBException e) {
        return new IllegalStateException("the local DynamoDB store in " + dir + " could not " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        // the write buffers to disk now: a close on its own leaves them in the log, to be replayed at
        // the next start
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            // the log still holds every write: the next start replays it
        }
        db.close();
        close(options, cache, writeOptions);
    }

    private static void close(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // native handles: nothing to do if freeing one fails
            }
        }
    }
}
