package com.leadimport.workflow;

import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Settings;
import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.DialerBuffer;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import com.leadimport.ports.LeadStore;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Delete existing records and Clear fetched data, with the list's lease held and the file known
 * good: removes up to {@code page} of the list's leads a call (a large list is removed across
 * calls, never in one Lambda invocation), then clears the dialler buffer. Last, still under the
 * leases and before any lead is written, sets the import's keys against the keys of the lists it
 * touches ({@link ListKeys}): records which may already be stored, and adds them all to the
 * destination list's.
 */
public final class PrepareList {

    private final ImportStore imports;
    private final CatalogStore catalog;
    private final LeadStore leads;
    private final DialerBuffer buffer;
    private final ListLeases leases;
    private final FileStore files;
    private final String workBucket;
    private final ListKeys listKeys;
    private final int page;

    public PrepareList(ImportStore imports, CatalogStore catalog, LeadStore leads, DialerBuffer buffer, ListLeases leases,
                       FileStore files, String workBucket, int page) {
        this.imports = imports;
        this.catalog = catalog;
        this.leads = leads;
        this.buffer = buffer;
        this.leases = leases;
        this.files = files;
        this.workBucket = workBucket;
        this.listKeys = new ListKeys(files, workBucket, leads);
        this.page = page;
    }

    public PrepareListResult prepare(SplitResult split) {
        ImportRecord record = imports.find(split.importId()).orElseThrow();
        ImportRequest request = record.request();
        Settings settings = request.settings();
        String list = request.details().list();
        leases.renew(split.importId());
        if (settings.deleteExisting() != null && settings.deleteExisting().enabled()) {
            long removed = leads.deleteList(list, settings.deleteExisting().keepLeadsWithCallbacks(), page);
            if (removed > 0) {
                return new PrepareListResult(split.importId(), false, removed);
            }
            listKeys.forgetIfEmpty(list);
        }
        if (settings.clearFetchedData()) {
            buffer.clear(list);
        }
        setKeysAgainstLists(split.importId(), request);
        return new PrepareListResult(split.importId(), true, 0);
    }

    /**
     * Writes which of the import's keys may be stored on the lists it looks in or writes to (unless
     * one of them is unknown, or a previous attempt wrote it: the destination's keys then hold the
     * import's own), then adds the import's keys to the destination list's.
     */
    private void setKeysAgainstLists(String importId, ImportRequest request) {
        String importKeysFile = WorkFiles.importKeys(importId);
        if (!files.exists(workBucket, importKeysFile)) {
            return; // written by ResolveDuplicates; without it every key is looked up
        }
        long[] importKeys = Fingerprints.decodeSorted(files.read(workBucket, importKeysFile));
        String destination = request.details().list();
        Optional<long[]> destinationKeys = listKeys.of(destination);
        String maybeStoredFile = WorkFiles.keysMaybeStored(importId);
        if (!files.exists(workBucket, maybeStoredFile)) {
            // list by list, so that only one list's keys are held at a time (a global scope reads every list's)
            Optional<long[]> maybeStored = destinationKeys.map(keys -> ListKeys.intersection(importKeys, keys));
            for (String list : listsInScope(request)) {
                if (maybeStored.isEmpty()) {
                    break;
                }
                long[] soFar = maybeStored.get();
                maybeStored = list.equals(destination) ? maybeStored
                        : listKeys.of(list).map(keys -> ListKeys.union(soFar, ListKeys.intersection(importKeys, keys)));
            }
            maybeStored.ifPresent(keys -> files.put(workBucket, maybeStoredFile, Fingerprints.encodeSorted(keys),
                    "application/octet-stream"));
        }
        destinationKeys.ifPresent(keys -> listKeys.save(destination, ListKeys.union(keys, importKeys)));
    }

    /** The lists the dedupe scope looks in (every list for a global scope). */
    private Set<String> listsInScope(ImportRequest request) {
        Set<String> lists = new LinkedHashSet<>();
        Dedupe dedupe = request.settings().dedupe();
        if (dedupe == null || !dedupe.enabled()) {
            return lists;
        }
        switch (dedupe.scope()) {
            case GLOBAL -> lists.addAll(catalog.lists());
            case LISTS -> {
                if (dedupe.additionalLists() != null) {
                    lists.addAll(dedupe.additionalLists());
                }
            }
            default -> {
            }
        }
        return lists;
    }
}
