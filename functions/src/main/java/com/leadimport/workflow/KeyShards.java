package com.leadimport.workflow;

/**
 * The dedupe key changes of an import are applied by key shard, each shard by one WriteKeys
 * task, so no two tasks ever read and rewrite the same (key, list) entry. Up to 16 shards, no
 * more than the import has chunks.
 */
public final class KeyShards {

    static final int MAX = 16;

    private KeyShards() {
    }

    public static int count(int chunks) {
        return Math.max(1, Math.min(MAX, chunks));
    }

    static int of(String key, int shards) {
        return com.leadimport.domain.shard.Shards.of(key, shards);
    }
}
