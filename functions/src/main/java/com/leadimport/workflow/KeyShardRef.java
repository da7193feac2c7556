package com.leadimport.workflow;

/** One shard of an import's key changes, as the key shard manifest lists it and each WriteKeys task receives it. */
public record KeyShardRef(String importId, int shard, int shards) {
}
