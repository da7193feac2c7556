package com.leadimport.local.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.List;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3-compatible server inside the JVM (s3proxy) on 127.0.0.1, on disk under a data folder
 * or in memory. Clients sign with {@link #ACCESS_KEY}/{@link #SECRET_KEY} and use path-style
 * addressing.
 */
public final class LocalS3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local-secret";

    private final S3Proxy proxy;

    private LocalS3Server(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** @param dataDir where objects persist, or null to keep them in memory */
    public static LocalS3Server start(Path dataDir) {
        return start(dataDir, com.leadimport.local.Faults.NONE);
    }

    /** The same, answering a share of object requests 500 InternalError ({@code faults.s3()}). */
    public static LocalS3Server start(Path dataDir, com.leadimport.local.Faults faults) {
        Properties properties = new Properties();
        String provider = "transient";
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create the S3 data folder " + dataDir, e);
            }
            provider = "filesystem";
            properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(faults.s3() > 0 ? new FaultyBlobStore(BlobStores.create(provider, properties), faults)
                        : BlobStores.create(provider, properties))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // the console uploads straight to presigned URLs from another local origin
                .corsRules(new CrossOriginResourceSharing(List.of("*"), List.of("GET", "PUT", "HEAD"), List.of("*"),
                        List.of("ETag"), "false"))
                .build();
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the S3 server did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.onSpinWait();
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the S3 server", e);
        } catch (Exception e) {
            throw new IllegalStateException("the S3 server did not start: " + e.getMessage(), e);
        }
        return new LocalS3Server(proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the S3 server did not stop cleanly", e);
        }
    }
}
