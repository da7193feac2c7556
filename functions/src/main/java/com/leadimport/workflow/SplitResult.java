package com.leadimport.workflow;

/**
 * The file split into {@code chunkCount} chunks listed in the manifest at {@code manifestKey}; the
 * key shards WriteKeys works through are listed at {@code keyShardsKey}.
 */
public record SplitResult(String importId, int chunkCount, long totalRows, String manifestKey, String keyShardsKey) {
}
