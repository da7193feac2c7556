package com.leadimport.ports;

import java.io.InputStream;
import java.util.List;

/** Objects in buckets: uploaded files, working chunks, rejected-rows files. */
public interface FileStore {

    /** Streams an object that may be large (an upload); the caller closes it. */
    InputStream open(String bucket, String key);

    /** Reads a small object whole (a working file), retried as one request on transient errors. */
    byte[] read(String bucket, String key);

    /** Reads a small object whole, or null when there is none (one request where S3 allows it). */
    default byte[] readIfExists(String bucket, String key) {
        return exists(bucket, key) ? read(bucket, key) : null;
    }

    /**
     * Reads a working file whole, as parts of at most {@link #PART_BYTES} each. No array is as large
     * as the file: on a small heap the JVM allocates an array over half a G1 region (512 KB of a
     * 1 MB region) outside the young generation, and such allocations keep starting concurrent
     * collections (measured: one per work file, over a hundred in an import).
     */
    default List<byte[]> readParts(String bucket, String key) {
        return List.of(read(bucket, key));
    }

    /** Parts of a working file: well under half of the smallest G1 region. */
    int PART_BYTES = 256 * 1024;

    /** @return the object's size in bytes; throws if missing */
    long size(String bucket, String key);

    boolean exists(String bucket, String key);

    void put(String bucket, String key, byte[] content, String contentType);

    /** Writes the parts, in order, as one object. */
    default void putParts(String bucket, String key, List<byte[]> parts, String contentType) {
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        parts.forEach(content::writeBytes);
        put(bucket, key, content.toByteArray(), contentType);
    }

    List<String> list(String bucket, String prefix);

    void copy(String bucket, String fromKey, String toKey);

    void deletePrefix(String bucket, String prefix);
}
