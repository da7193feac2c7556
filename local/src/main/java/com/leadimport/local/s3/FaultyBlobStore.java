package com.leadimport.local.s3;

import com.leadimport.local.Faults;
import java.io.InputStream;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** The object store answering a share of object requests 500 InternalError, before doing anything (fault injection). */
final class FaultyBlobStore extends ForwardingBlobStore {

    private final Faults faults;

    FaultyBlobStore(BlobStore delegate, Faults faults) {
        super(delegate);
        this.faults = faults;
    }

    private void maybeFail() {
        if (faults.roll(faults.s3(), "s3 500")) {
            throw new S3ProxyException(S3ErrorCode.INTERNAL_ERROR, "injected fault");
        }
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        maybeFail();
        return super.putBlob(request, content);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        maybeFail();
        return super.getBlob(request);
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        maybeFail();
        return super.blobMetadata(request);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        maybeFail();
        return super.removeBlob(request);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        maybeFail();
        return super.copyBlob(request);
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        maybeFail();
        return super.list(request);
    }
}
