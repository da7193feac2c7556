package com.leadimport.workflow;

import com.leadimport.domain.dedupe.InFileDuplicates;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Between the two parallel phases: applies the contract's in-file rule to the whole file at
 * once, from every chunk's key fingerprints, and writes each chunk the row numbers that lose.
 * Depends only on row numbers, so the answer is the same however the chunks were scheduled.
 */
public final class ResolveDuplicates {

    private final ImportStore imports;
    private final FileStore files;
    private final String workBucket;

    public ResolveDuplicates(ImportStore imports, FileStore files, String workBucket) {
        this.imports = imports;
        this.files = files;
        this.workBucket = workBucket;
    }

    /** @return how many rows of the file are in-file duplicates */
    public long resolve(SplitResult split) {
        ImportRecord record = imports.find(split.importId()).orElseThrow();
        Dedupe dedupe = record.request().settings().dedupe();
        if (dedupe == null || !dedupe.enabled()) {
            return 0;
        }
        InFileDuplicates duplicates = new InFileDuplicates(dedupe.action());
        for (int chunk = 0; chunk < split.chunkCount(); chunk++) {
            Fingerprints.addAll(WorkFiles.open(files, workBucket, WorkFiles.fingerprints(split.importId(), chunk)), duplicates);
        }
        long total = 0;
        for (int chunk = 0; chunk < split.chunkCount(); chunk++) {
            List<Long> losers = new ArrayList<>();
            Fingerprints.forEach(WorkFiles.open(files, workBucket, WorkFiles.fingerprints(split.importId(), chunk)), (row, keys) -> {
                if (duplicates.isDuplicate(row, keys)) {
                    losers.add(row);
                }
            });
            files.put(workBucket, WorkFiles.duplicates(split.importId(), chunk), RowNumbers.encode(losers),
                    "application/octet-stream");
            total += losers.size();
        }
        return total;
    }
}
