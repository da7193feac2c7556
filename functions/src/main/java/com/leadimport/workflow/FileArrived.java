package com.leadimport.workflow;

/**
 * A CSV landed in the upload bucket: the part of the S3 "Object Created" event the workflow
 * needs, and the execution handling it. {@code sequencer} orders events for one key: a
 * re-delivered event carries the same one.
 */
public record FileArrived(String bucket, String key, Long size, String sequencer, String executionId) {
}
