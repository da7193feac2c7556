package com.leadimport.ports;

import java.io.InputStream;
import java.util.List;

/** Objects in buckets: uploaded files, working chunks, rejected-rows files. */
public interface FileStore {

    /** Streams an object that may be large (an upload); the caller closes it. */
    InputStream open(String bucket, String key);

    /** Reads a small object whole (a working file), retried as one request on transient errors. */
    byte[] read(String bucket, String key);

    /** @return the object's size in bytes; throws if missing */
    long size(String bucket, String key);

    boolean exists(String bucket, String key);

    void put(String bucket, String key, byte[] content, String contentType);

    List<String> list(String bucket, String prefix);

    void copy(String bucket, String fromKey, String toKey);

    void deletePrefix(String bucket, String prefix);
}
