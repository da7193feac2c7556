package com.leadimport.adapters.s3;

import com.leadimport.ports.FileStore;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Files in S3: uploads are streamed, never read whole; prefixes are deleted a thousand keys at a time. */
public final class S3FileStore implements FileStore {

    private final S3Client s3;

    public S3FileStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public InputStream open(String bucket, String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new MissingFileException(bucket, key, e);
        }
    }

    /** Into one array of the object's length (the SDK's byte-collecting path copies the content three times). */
    @Override
    public byte[] read(String bucket, String key) {
        return get(bucket, key, (in, length) -> {
            if (length == null || length > Integer.MAX_VALUE - 8) {
                return in.readAllBytes();
            }
            byte[] content = new byte[length.intValue()];
            int read = in.readNBytes(content, 0, content.length);
            if (read != content.length) {
                throw new java.io.EOFException("s3://" + bucket + "/" + key + " ended after " + read + " of " + length + " bytes");
            }
            return content;
        });
    }

    /** The object's body and length (null when S3 gave none) to the reader; a missing key is MissingFileException. */
    private <T> T get(String bucket, String key, BodyReader<T> reader) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return reader.read(in, in.response().contentLength());
        } catch (NoSuchKeyException e) {
            throw new MissingFileException(bucket, key, e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read s3://" + bucket + "/" + key, e);
        }
    }

    @FunctionalInterface
    private interface BodyReader<T> {
        T read(InputStream body, Long length) throws java.io.IOException;
    }

    /** One GetObject: a missing key (404, which needs ListBucket on the bucket) is null. */
    @Override
    public byte[] readIfExists(String bucket, String key) {
        try {
            return read(bucket, key);
        } catch (MissingFileException e) {
            return null;
        }
    }

    /** Into parts of {@link #PART_BYTES}, each filled from the stream before the next is made. */
    @Override
    public List<byte[]> readParts(String bucket, String key) {
        return get(bucket, key, (in, length) -> {
            List<byte[]> parts = new ArrayList<>();
            long left = length == null ? Long.MAX_VALUE : length;
            while (left > 0) {
                byte[] part = new byte[(int) Math.min(PART_BYTES, left)];
                int read = in.readNBytes(part, 0, part.length);
                if (read < part.length) {
                    if (length != null) {
                        throw new java.io.EOFException("s3://" + bucket + "/" + key + " ended early (" + length + " bytes expected)");
                    }
                    parts.add(java.util.Arrays.copyOf(part, read));
                    break;
                }
                parts.add(part);
                left -= read;
            }
            return parts;
        });
    }

    @Override
    public long size(String bucket, String key) {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
        } catch (NoSuchKeyException e) {
            throw new MissingFileException(bucket, key, e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new MissingFileException(bucket, key, e);
            }
            throw e;
        }
    }

    @Override
    public boolean exists(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {
        // the caller's array as it is (RequestBody.fromBytes would copy it; nothing changes it meanwhile)
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromContentProvider(
                software.amazon.awssdk.http.ContentStreamProvider.fromByteArrayUnsafe(content), content.length, contentType));
    }

    /** The parts streamed one after another (a fresh stream for each attempt the SDK makes). */
    @Override
    public void putParts(String bucket, String key, List<byte[]> parts, String contentType) {
        long length = parts.stream().mapToLong(part -> part.length).sum();
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromContentProvider(
                () -> new java.io.SequenceInputStream(java.util.Collections.enumeration(
                        parts.stream().map(java.io.ByteArrayInputStream::new).toList())), length, contentType));
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        for (ListObjectsV2Response page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())) {
            page.contents().forEach(object -> keys.add(object.key()));
        }
        return keys;
    }

    @Override
    public void copy(String bucket, String fromKey, String toKey) {
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(fromKey).destinationBucket(bucket).destinationKey(toKey));
    }

    @Override
    public void deletePrefix(String bucket, String prefix) {
        List<String> keys = list(bucket, prefix);
        for (int i = 0; i < keys.size(); i += 1000) {
            List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
        }
    }

    /** The object is not there. */
    public static final class MissingFileException extends RuntimeException {
        MissingFileException(String bucket, String key, Throwable cause) {
            super("s3://" + bucket + "/" + key + " does not exist", cause);
        }
    }
}
