package com.leadimport.ports;

import java.net.URI;
import java.time.Duration;

/** Short-lived URLs the browser uses to upload a file and download a rejected-rows file directly. */
public interface UploadUrls {

    /** A PUT URL that only accepts this content type and exactly this many bytes. */
    URI upload(String bucket, String key, String contentType, long size, Duration validFor);

    URI download(String bucket, String key, String fileName, Duration validFor);
}
