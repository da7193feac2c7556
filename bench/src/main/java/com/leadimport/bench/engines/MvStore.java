package com.leadimport.bench.engines;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * H2's MVStore: a copy-on-write B-tree. Keys as ISO-8859-1 strings (one char per byte, so
 * String order is unsigned byte order); a batch is applied under a lock and committed, which
 * writes a chunk to the file (no fsync): what a killed process has committed survives.
 */
final class MvStore implements OrderedStore {

    private final MVStore store;
    private final MVMap<String, byte[]> map;

    MvStore(Path dir) {
        store = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).cacheSize(32).autoCommitDisabled().open();
        map = store.openMap("kv", new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    private static String key(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public synchronized void write(List<Put> batch) {
        for (Put put : batch) {
            if (put.value() == null) {
                map.remove(key(put.key()));
            } else {
                map.put(key(put.key()), put.value());
            }
        }
        store.commit();
    }

    @Override
    public byte[] get(byte[] key) {
        return map.get(key(key));
    }

    @Override
    public List<byte[]> multiGet(List<byte[]> keys) {
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            values.add(map.get(key(key)));
        }
        return values;
    }

    @Override
    public void range(byte[] from, byte[] to, int limit, BiConsumer<byte[], byte[]> entry) {
        String end = key(to);
        org.h2.mvstore.Cursor<String, byte[]> it = map.cursor(key(from));
        for (int n = 0; n < limit && it.hasNext(); n++) {
            String key = it.next();
            if (key.compareTo(end) >= 0) {
                return;
            }
            entry.accept(key.getBytes(StandardCharsets.ISO_8859_1), it.getValue());
        }
    }

    @Override
    public String name() {
        return "H2 MVStore 2.5.252";
    }

    @Override
    public void close() {
        store.close();
    }
}
