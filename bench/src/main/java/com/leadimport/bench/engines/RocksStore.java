package com.leadimport.bench.engines;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** RocksDB: an LSM tree; a WriteBatch goes to the write-ahead log in one write (no fsync: a killed process keeps it). */
final class RocksStore implements OrderedStore {

    static {
        RocksDB.loadLibrary();
    }

    private final LRUCache cache = new LRUCache(32L << 20);
    private final Options options;
    private final RocksDB db;
    private final WriteOptions writeOptions = new WriteOptions();

    RocksStore(Path dir) {
        options = new Options().setCreateIfMissing(true).setWriteBufferSize(32L << 20).setMaxWriteBufferNumber(2)
                .setMaxOpenFiles(256).setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache)
                        .setFilterPolicy(new org.rocksdb.BloomFilter(10)));
        try {
            db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(List<Put> batch) {
        try (WriteBatch wb = new WriteBatch()) {
            for (Put put : batch) {
                if (put.value() == null) {
                    wb.delete(put.key());
                } else {
                    wb.put(put.key(), put.value());
                }
            }
            db.write(writeOptions, wb);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<byte[]> multiGet(List<byte[]> keys) {
        // one get per key: measured here, RocksJava's multiGetAsList was twenty times slower (16k keys/s against 370k)
        try {
            List<byte[]> values = new java.util.ArrayList<>(keys.size());
            for (byte[] key : keys) {
                values.add(db.get(key));
            }
            return values;
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void range(byte[] from, byte[] to, int limit, BiConsumer<byte[], byte[]> entry) {
        try (Slice upper = new Slice(to); ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(read)) {
            int n = 0;
            for (it.seek(from); it.isValid() && n < limit; it.next(), n++) {
                entry.accept(it.key(), it.value());
            }
        }
    }

    @Override
    public String name() {
        return "RocksDB 10.10.1.1";
    }

    @Override
    public void close() {
        db.close();
        options.close();
        cache.close();
        writeOptions.close();
    }
}
