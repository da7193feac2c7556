package com.leadimport.local.sfn;

/**
 * Reads an S3 object's text for a Distributed Map's ItemReader
 * ({@code arn:aws:states:::s3:getObject}, {@code ReaderConfig.InputType JSON}); a failure is
 * the Map's States.ItemReaderFailed error.
 */
@FunctionalInterface
public interface ObjectReader {

    String read(String bucket, String key) throws Exception;
}
