package com.leadimport.workflow;

import com.leadimport.domain.csv.CsvRow;
import com.leadimport.domain.csv.LeadCsvReader;
import com.leadimport.domain.expiry.ExpiryDates;
import com.leadimport.domain.json.Json;
import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the upload once and writes it to the work bucket as chunks of {@code chunkRows}
 * rows, each row keeping its number in the file, plus a manifest listing the chunks for the
 * parallel Map states (and one of the key shards for WriteKeys). Only one chunk is ever in memory.
 */
public final class SplitFile {

    private final ImportStore imports;
    private final FileStore files;
    private final String workBucket;
    private final int chunkRows;

    public SplitFile(ImportStore imports, FileStore files, String workBucket, int chunkRows) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1 row, got " + chunkRows);
        }
        this.imports = imports;
        this.files = files;
        this.workBucket = workBucket;
        this.chunkRows = chunkRows;
    }

    public SplitResult split(ImportJob job) {
        ImportRecord record = imports.find(job.importId()).orElseThrow();
        String importId = record.importId();
        List<ChunkRef> manifest = new ArrayList<>();
        long totalRows = 0;
        long blankRows;
        long size = files.size(record.fileBucket(), record.fileKey());
        // each chunk written on a thread of its own while the next is read, one chunk in flight: memory holds two
        InFlight writer = new InFlight(1, "split-chunk-writer");
        try (writer; InputStream in = files.open(record.fileBucket(), record.fileKey());
             LeadCsvReader reader = LeadCsvReader.open(record.fileName(), size, in, record.delimiter())) {
            List<String> headers = reader.headers();
            List<CsvRow> rows = new ArrayList<>(chunkRows);
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
                totalRows++;
                if (rows.size() == chunkRows) {
                    manifest.add(writeChunk(writer, importId, manifest.size(), headers, rows));
                    rows = new ArrayList<>(chunkRows);
                }
            }
            if (!rows.isEmpty()) {
                manifest.add(writeChunk(writer, importId, manifest.size(), headers, rows));
            }
            writer.awaitWrites();
            blankRows = reader.blankRows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String manifestKey = WorkFiles.manifest(importId);
        files.put(workBucket, manifestKey, Json.bytes(manifest), "application/json");
        int shards = KeyShards.count(manifest.size());
        List<KeyShardRef> keyShards = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            keyShards.add(new KeyShardRef(importId, shard, shards));
        }
        String keyShardsKey = WorkFiles.keyShardManifest(importId);
        files.put(workBucket, keyShardsKey, Json.bytes(keyShards), "application/json");
        imports.started(importId, manifest.size(), totalRows, blankRows,
                ExpiryDates.expiresOn(record.request().settings().expiry(), record.importDate()).orElse(null));
        return new SplitResult(importId, manifest.size(), totalRows, manifestKey, keyShardsKey);
    }

    /** @param rows the chunk's rows, not changed by the caller after; a chunk that cannot be written fails the step */
    private ChunkRef writeChunk(InFlight writer, String importId, int chunk, List<String> headers, List<CsvRow> rows) {
        writer.write(() -> files.putParts(workBucket, WorkFiles.chunk(importId, chunk), ChunkCodec.encode(headers, rows),
                ChunkCodec.CONTENT_TYPE));
        return new ChunkRef(importId, chunk, rows.get(0).rowNumber(), rows.size());
    }
}
