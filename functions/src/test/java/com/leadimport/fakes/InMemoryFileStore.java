package com.leadimport.fakes;

import com.leadimport.ports.FileStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/** Objects in sorted maps per bucket; content is copied in and out, so nobody shares a stored array. */
public final class InMemoryFileStore implements FileStore {

    private final Map<String, TreeMap<String, byte[]>> buckets = new TreeMap<>();

    @Override
    public InputStream open(String bucket, String key) {
        return new ByteArrayInputStream(read(bucket, key));
    }

    @Override
    public synchronized byte[] read(String bucket, String key) {
        return object(bucket, key).clone();
    }

    @Override
    public synchronized long size(String bucket, String key) {
        return object(bucket, key).length;
    }

    @Override
    public synchronized boolean exists(String bucket, String key) {
        return bucket(bucket).containsKey(key);
    }

    @Override
    public synchronized void put(String bucket, String key, byte[] content, String contentType) {
        bucket(bucket).put(key, content.clone());
    }

    @Override
    public synchronized List<String> list(String bucket, String prefix) {
        return bucket(bucket).keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public synchronized void copy(String bucket, String fromKey, String toKey) {
        bucket(bucket).put(toKey, object(bucket, fromKey));
    }

    @Override
    public synchronized void deletePrefix(String bucket, String prefix) {
        bucket(bucket).keySet().removeIf(k -> k.startsWith(prefix));
    }

    private byte[] object(String bucket, String key) {
        byte[] content = bucket(bucket).get(key);
        if (content == null) {
            throw new NoSuchElementException("s3://" + bucket + "/" + key + " does not exist");
        }
        return content;
    }

    private TreeMap<String, byte[]> bucket(String name) {
        return buckets.computeIfAbsent(name, b -> new TreeMap<>());
    }
}
