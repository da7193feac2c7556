package com.leadimport.local.sfn;

/** Reads an object from S3 for a Distributed Map's ItemReader. */
@FunctionalInterface
public interface ObjectReader {

    String read(String bucket, String key) throws Exception;
}
