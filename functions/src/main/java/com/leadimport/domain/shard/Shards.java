package com.leadimport.domain.shard;

/** Which of {@code n} shards a string belongs to: spread evenly, the same on every machine. */
public final class Shards {

    private Shards() {
    }

    public static int of(String value, int n) {
        return Math.floorMod(mix(value.hashCode()), n);
    }

    /**
     * MurmurHash3's finaliser: String.hashCode modulo a power of two is an alternating sum of the
     * last characters, which piles ids and numbers into a few buckets; mixed, every bit counts.
     */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
