package com.leadimport.workflow;

/** Where an import's working files live in the work bucket. */
public final class WorkFiles {

    private WorkFiles() {
    }

    /** A working file, read whole in one retried request (they are small) and given as a stream. */
    static java.io.InputStream open(com.leadimport.ports.FileStore files, String bucket, String key) {
        return new java.io.ByteArrayInputStream(files.read(bucket, key));
    }

    /** One file of each chunk of an import, in chunk order: {@code file} names chunk n's. */
    static java.util.List<String> ofChunks(String importId, int chunks, java.util.function.BiFunction<String, Integer, String> file) {
        java.util.List<String> names = new java.util.ArrayList<>(chunks);
        for (int chunk = 0; chunk < chunks; chunk++) {
            names.add(file.apply(importId, chunk));
        }
        return names;
    }

    public static String prefix(String importId) {
        return "work/" + importId + "/";
    }

    public static String manifest(String importId) {
        return prefix(importId) + "manifest.json";
    }

    public static String chunk(String importId, int chunk) {
        return prefix(importId) + "chunks/" + chunk + ".bin";
    }

    public static String screened(String importId, int chunk) {
        return prefix(importId) + "screened/" + chunk + ".bin";
    }

    public static String fingerprints(String importId, int chunk) {
        return prefix(importId) + "keys/" + chunk + ".bin";
    }

    /** The fingerprints of keys that rows of more than one chunk share (sorted longs). */
    public static String sharedKeys(String importId) {
        return prefix(importId) + "shared-keys.bin";
    }

    /** Every key of the rows that may be imported (in-file losers left out), as sorted distinct fingerprints. */
    public static String importKeys(String importId) {
        return prefix(importId) + "import-keys.bin";
    }

    /**
     * Of those, the keys that may already be stored on a list in the dedupe scope or on the destination
     * list (sorted fingerprints); absent while that is unknown.
     */
    public static String keysMaybeStored(String importId) {
        return prefix(importId) + "keys-maybe-stored.bin";
    }

    public static String duplicates(String importId, int chunk) {
        return prefix(importId) + "duplicates/" + chunk + ".bin";
    }

    /** The dedupe key index changes of one chunk that fall in one key shard. */
    public static String keyChanges(String importId, int shard, int chunk) {
        return prefix(importId) + "key-changes/" + shard + "/" + chunk + ".json";
    }

    /** The key changes of one shard, from every chunk that had any. */
    public static String keyChangesOfShard(String importId, int shard) {
        return prefix(importId) + "key-changes/" + shard + "/";
    }

    /** Written once a chunk has recorded all its key changes. */
    public static String keyChangesRecorded(String importId, int chunk) {
        return prefix(importId) + "key-changes-recorded/" + chunk;
    }

    public static String keyShardManifest(String importId) {
        return prefix(importId) + "key-shards.json";
    }

    public static String result(String importId, int chunk) {
        return prefix(importId) + "results/" + chunk + ".bin";
    }

    public static String rejectedRows(String importId) {
        return "rejected/" + importId + ".csv";
    }
}
