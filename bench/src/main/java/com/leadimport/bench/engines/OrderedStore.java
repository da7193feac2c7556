package com.leadimport.bench.engines;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * What the DynamoDB server needs of a storage engine, reduced to bytes: an atomic batch of
 * puts and deletes, point and multi gets, and an ordered range read (unsigned byte order).
 * The candidates are measured through this one interface so that they do the same work.
 */
interface OrderedStore extends AutoCloseable {

    record Put(byte[] key, byte[] value) {
    }

    /** Puts (value non-null) and deletes (value null), all or nothing, durable against a killed process once returned. */
    void write(List<Put> batch);

    byte[] get(byte[] key);

    List<byte[]> multiGet(List<byte[]> keys);

    /** Entries with from <= key < to in key order, at most limit of them. */
    void range(byte[] from, byte[] to, int limit, BiConsumer<byte[], byte[]> entry);

    String name();

    @Override
    void close();
}
