package com.leadimport.local;

import com.leadimport.ports.FileStore;
import com.leadimport.workflow.UploadKeys;
import java.io.InputStream;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The upload bucket as the local runtime sees it: what S3 plus EventBridge do on AWS, an
 * object created under {@code uploads/} or {@code suppliers/} starts the import workflow.
 */
final class EventingFileStore implements FileStore {

    private final FileStore files;
    private final String uploadBucket;
    private final BiConsumer<String, Long> objectCreated;

    EventingFileStore(FileStore files, String uploadBucket, BiConsumer<String, Long> objectCreated) {
        this.files = files;
        this.uploadBucket = uploadBucket;
        this.objectCreated = objectCreated;
    }

    @Override
    public InputStream open(String bucket, String key) {
        return files.open(bucket, key);
    }

    @Override
    public byte[] read(String bucket, String key) {
        return files.read(bucket, key);
    }

    @Override
    public byte[] readIfExists(String bucket, String key) {
        return files.readIfExists(bucket, key);
    }

    @Override
    public List<byte[]> readParts(String bucket, String key) {
        return files.readParts(bucket, key);
    }

    @Override
    public long size(String bucket, String key) {
        return files.size(bucket, key);
    }

    @Override
    public boolean exists(String bucket, String key) {
        return files.exists(bucket, key);
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {
        files.put(bucket, key, content, contentType);
        created(bucket, key);
    }

    @Override
    public void putParts(String bucket, String key, List<byte[]> parts, String contentType) {
        files.putParts(bucket, key, parts, contentType);
        created(bucket, key);
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        return files.list(bucket, prefix);
    }

    @Override
    public void copy(String bucket, String fromKey, String toKey) {
        files.copy(bucket, fromKey, toKey);
        created(bucket, toKey);
    }

    @Override
    public void deletePrefix(String bucket, String prefix) {
        files.deletePrefix(bucket, prefix);
    }

    private void created(String bucket, String key) {
        if (bucket.equals(uploadBucket) && (key.startsWith(UploadKeys.UPLOADS) || key.startsWith(UploadKeys.SUPPLIERS))) {
            objectCreated.accept(key, files.size(bucket, key));
        }
    }
}
