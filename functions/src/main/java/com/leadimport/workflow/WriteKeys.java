package com.leadimport.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.leadimport.domain.json.Json;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.LeadStore.KeyChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Third parallel phase, one key shard: applies to the dedupe key index the changes the chunks
 * left to it in this shard (new leads' keys that several chunks share, replaced leads' keys
 * removed). Only this task touches these keys' entries now, so each is read and rewritten
 * without a lost update; a retry applies the same changes again, which changes nothing more.
 */
public final class WriteKeys {

    private static final TypeReference<List<KeyChange>> CHANGES = new TypeReference<>() {
    };

    private final LeadStore leads;
    private final FileStore files;
    private final String workBucket;
    private final ListLeases leases;

    public WriteKeys(LeadStore leads, FileStore files, String workBucket, ListLeases leases) {
        this.leads = leads;
        this.files = files;
        this.workBucket = workBucket;
        this.leases = leases;
    }

    public void write(KeyShardRef ref) {
        leases.renew(ref.importId());
        List<KeyChange> changes = new ArrayList<>();
        // only chunks with changes in this shard wrote a file for it
        for (String key : files.list(workBucket, WorkFiles.keyChangesOfShard(ref.importId(), ref.shard()))) {
            changes.addAll(Json.read(WorkFiles.open(files, workBucket, key), CHANGES));
        }
        leads.applyKeyChanges(changes);
    }
}
