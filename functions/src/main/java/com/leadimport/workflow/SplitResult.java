package com.leadimport.workflow;

/** The file split into {@code chunkCount} chunks listed in the manifest at {@code manifestKey}. */
public record SplitResult(String importId, int chunkCount, long totalRows, String manifestKey) {
}
