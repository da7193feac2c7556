package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A finished execution: its output when SUCCEEDED, its error and cause when FAILED (error is
 * null for a Fail state without Error), and its history: one line per event, in order, e.g.
 * {@code ExecutionStarted run-1}, {@code StateEntered Split}, {@code TaskScheduled Split fn},
 * {@code TaskFailed Split java.io.UncheckedIOException},
 * {@code RetryScheduled Split java.io.UncheckedIOException attempt=1 delayMillis=2000},
 * {@code Caught Split States.ALL java.lang.IllegalStateException -> RecordFailure},
 * {@code StateExited Split}, {@code ExecutionSucceeded}. Events of a Map iteration or a
 * Parallel branch are prefixed with the state and index, e.g. {@code ScreenChunks[3] StateEntered ScreenChunk}.
 */
public record Execution(String name, Status status, JsonNode input, JsonNode output, String error, String cause,
                        List<String> events) {

    /** TIMED_OUT: the execution ran past its TimeoutSeconds (error States.Timeout). */
    public enum Status { SUCCEEDED, FAILED, TIMED_OUT }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
