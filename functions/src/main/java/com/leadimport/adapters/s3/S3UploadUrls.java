package com.leadimport.adapters.s3;

import com.leadimport.ports.UploadUrls;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Presigned S3 URLs: the PUT is signed with its content type and length, so the browser cannot send more. */
public final class S3UploadUrls implements UploadUrls {

    private final S3Presigner presigner;

    public S3UploadUrls(S3Presigner presigner) {
        this.presigner = presigner;
    }

    @Override
    public URI upload(String bucket, String key, String contentType, long size, Duration validFor) {
        return URI.create(presigner.presignPutObject(b -> b.signatureDuration(validFor)
                .putObjectRequest(p -> p.bucket(bucket).key(key).contentType(contentType).contentLength(size))).url().toString());
    }

    @Override
    public URI download(String bucket, String key, String fileName, Duration validFor) {
        return URI.create(presigner.presignGetObject(b -> b.signatureDuration(validFor)
                .getObjectRequest(g -> g.bucket(bucket).key(key)
                        .responseContentDisposition("attachment; filename=\"" + fileName.replace("\"", "") + "\""))).url().toString());
    }
}
