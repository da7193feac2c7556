package com.leadimport.workflow;

import com.leadimport.domain.csv.CsvRow;
import com.leadimport.domain.dedupe.DedupeDecision;
import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.dedupe.ExistingLead;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.row.DncLookup;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.Reason;
import com.leadimport.domain.row.RowOutcome;
import com.leadimport.domain.row.RowProcessor;
import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.LeadStore.KeyChange;
import com.leadimport.ports.LeadStore.LeadRef;
import com.leadimport.ports.StoredLead;
import java.util.ArrayList;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Second parallel phase, one chunk, with the import's list leases held: makes the leads of the
 * rows Screen let through again, but for the in-file duplicates, decides each against the stored
 * leads in the dedupe scope (one batched lookup for the chunk), records the decisions, records the
 * key index changes WriteKeys must make (by key shard), then writes the leads and the index
 * entries of their keys that are this chunk's alone, removes replaced leads and resets older
 * ones. Each record is written before what it describes, so a retried chunk replays it.
 */
public final class WriteChunk {

    private final ImportStore imports;
    private final LeadStore leads;
    private final FileStore files;
    private final String workBucket;

    private final ListLeases leases;
    private final ImportContexts contexts;

    public WriteChunk(ImportStore imports, LeadStore leads, FileStore files, String workBucket, ListLeases leases) {
        this.imports = imports;
        this.leads = leads;
        this.files = files;
        this.workBucket = workBucket;
        this.leases = leases;
        this.contexts = new ImportContexts(imports);
    }

    public void write(ChunkRef ref) {
        leases.renew(ref.importId());
        ImportRecord record = imports.find(ref.importId()).orElseThrow();
        Dedupe dedupe = record.request().settings().dedupe();
        // the chunk's in-file duplicates (row, and the row each duplicates): rejected, never made into leads here
        Map<Long, Long> inFile = dedupe != null && dedupe.enabled()
                ? InFileLosers.decode(files.read(workBucket, WorkFiles.duplicates(ref.importId(), ref.chunk())))
                : Map.of();
        Rows rows = rows(ref, record, inFile);
        String resultKey = WorkFiles.result(ref.importId(), ref.chunk());
        ChunkResult result;
        // the key index entries known to be absent from the destination list: written without reading them first
        Set<String> absentEntries = new HashSet<>();
        KeysMaybeStored maybeStored = importKeys(ref.importId()).maybeStored();
        if (files.exists(workBucket, resultKey)) {
            result = ChunkResult.decode(files.readParts(workBucket, resultKey));
        } else {
            result = decide(ref, record, rows, inFile, maybeStored, absentEntries);
            files.putParts(workBucket, resultKey, result.encode(), "application/octet-stream");
        }
        Set<Long> importedRows = new HashSet<>(result.importedRows());
        List<StoredLead> toStore = new ArrayList<>(importedRows.size());
        ImportRequest request = record.request();
        String secondaryTable = request.secondary() == null ? null : request.secondary().table();
        for (Lead lead : rows.leads()) {
            if (importedRows.contains(lead.rowNumber())) {
                toStore.add(new StoredLead(StoredLead.leadId(ref.importId(), lead.rowNumber()), request.details().list(),
                        ref.importId(), lead, lead.secondary().isEmpty() ? null : secondaryTable, record.expiresOn(), 0));
            }
        }
        List<KeyChange> direct = recordKeyChanges(ref, record.chunksTotal(), toStore, result.replaced(), absentEntries);
        leads.write(toStore);
        leads.applyKeyChanges(direct, absentEntries);
        leads.deleteLeads(result.replaced());
        leads.resetCallAttempts(result.reset());
        imports.chunkWritten(ref.importId(), ref.chunk());
    }

    /**
     * Splits the chunk's key index changes: the new leads' keys that no other chunk of the import
     * has are this chunk's alone to write (returned, applied here); the keys other chunks share,
     * and every removal of a replaced lead's keys, go to WriteKeys by key shard, recorded once
     * (before the replaced leads are deleted: their keys are read from them). The entries of this
     * chunk's own keys that no list in scope may hold are added to {@code absentEntries}.
     */
    private List<KeyChange> recordKeyChanges(ChunkRef ref, Integer chunks, List<StoredLead> written, List<LeadRef> replaced,
                                             Set<String> absentEntries) {
        ImportKeys importKeys = importKeys(ref.importId());
        // without ResolveDuplicates' answer every key counts as shared: WriteKeys writes them all, which is always safe
        long[] shared = importKeys.shared();
        List<KeyChange> direct = new ArrayList<>();
        List<KeyChange> deferred = new ArrayList<>();
        for (KeyChange change : KeyChange.additions(written)) {
            long fingerprint = DedupeKeys.fingerprint(change.key());
            if (shared == null || java.util.Arrays.binarySearch(shared, fingerprint) >= 0) {
                deferred.add(change);
                continue;
            }
            direct.add(change);
            if (!importKeys.maybeStored().mayBe(fingerprint)) {
                absentEntries.add(LeadStore.entryId(change.key(), change.list()));
            }
        }
        if (deferred.isEmpty() && replaced.isEmpty()) {
            // nothing for WriteKeys, and a retry decides the same (both come from the recorded decisions): no file, no mark
            return direct;
        }
        int shards = KeyShards.count(chunks == null ? 1 : chunks);
        String recorded = WorkFiles.keyChangesRecorded(ref.importId(), ref.chunk());
        if (files.exists(workBucket, recorded)) {
            return direct;
        }
        deferred.addAll(leads.keyRemovals(replaced));
        List<List<KeyChange>> byShard = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            byShard.add(new ArrayList<>());
        }
        deferred.forEach(change -> byShard.get(KeyShards.of(change.key(), shards)).add(change));
        for (int shard = 0; shard < shards; shard++) {
            if (!byShard.get(shard).isEmpty()) {
                files.put(workBucket, WorkFiles.keyChanges(ref.importId(), shard, ref.chunk()), Json.bytes(byShard.get(shard)),
                        "application/json");
            }
        }
        // written last: its presence says the chunk's changes are all recorded
        files.put(workBucket, recorded, new byte[0], "application/octet-stream");
        return direct;
    }

    /**
     * The import's key files that every chunk reads, read once per import by a warm environment: both
     * are written before the chunks are, and never after. {@code shared}: the keys more than one chunk
     * has (ResolveDuplicates); {@code maybeStored}: which keys may already be stored in the lists this
     * import touches (PrepareList's answer from {@link ListKeys}). Without a file, null: every key is.
     */
    private record ImportKeys(String importId, long[] shared, KeysMaybeStored maybeStored) {
    }

    private volatile ImportKeys importKeys;

    private ImportKeys importKeys(String importId) {
        ImportKeys keys = importKeys;
        if (keys == null || !keys.importId().equals(importId)) {
            keys = new ImportKeys(importId, sortedFingerprints(WorkFiles.sharedKeys(importId)),
                    new KeysMaybeStored(sortedFingerprints(WorkFiles.keysMaybeStored(importId))));
            importKeys = keys;
        }
        return keys;
    }

    private long[] sortedFingerprints(String file) {
        byte[] bytes = files.readIfExists(workBucket, file);
        return bytes == null ? null : Fingerprints.decodeSorted(bytes);
    }

    private record KeysMaybeStored(long[] sorted) {
        boolean mayBe(String key) {
            return mayBe(DedupeKeys.fingerprint(key));
        }

        boolean mayBe(long fingerprint) {
            return sorted == null || java.util.Arrays.binarySearch(sorted, fingerprint) >= 0;
        }

        /** No key of the import may be stored (a new list, say): nothing to look up. */
        boolean none() {
            return sorted != null && sorted.length == 0;
        }
    }

    /** @param rows the chunk's leads without its in-file duplicates ({@code inFile}), and the rows Screen rejected */
    private ChunkResult decide(ChunkRef ref, ImportRecord record, Rows rows, Map<Long, Long> inFile,
                               KeysMaybeStored maybeStored, Set<String> absentEntries) {
        Dedupe dedupe = record.request().settings().dedupe();
        boolean deduping = dedupe != null && dedupe.enabled();
        RejectedHere rejectedHere = new RejectedHere(rows.cells());
        inFile.forEach((row, winner) -> rejectedHere.add(row, Reason.DUPLICATE, DedupeDecision.inFileMessage(dedupe.action(), winner)));
        List<Lead> candidates = rows.leads();
        List<Long> imported = new ArrayList<>();
        Set<LeadRef> replaced = new LinkedHashSet<>();
        Set<LeadRef> reset = new LinkedHashSet<>();
        Map<String, List<ExistingLead>> matches = deduping && dedupe.scope() != Dedupe.Scope.FILE
                ? existingMatches(ref.importId(), record.request(), candidates, maybeStored, absentEntries)
                : Map.of();
        Origins origins = new Origins();
        for (Lead lead : candidates) {
            DedupeDecision decision = matches.isEmpty()
                    ? DedupeDecision.IMPORT
                    : DedupeDecision.decide(dedupe.action(), lead, dedupe.on(), matches, origins::of);
            decision.replace().forEach(e -> replaced.add(new LeadRef(e.list(), e.leadId())));
            decision.reset().forEach(e -> reset.add(new LeadRef(e.list(), e.leadId())));
            if (decision.importLead()) {
                imported.add(lead.rowNumber());
            } else {
                rejectedHere.add(lead.rowNumber(), decision.reason(), decision.message());
            }
        }
        List<RowOutcome.Rejected> rejected = new ArrayList<>(rows.rejected());
        rejected.addAll(rejectedHere.withCells());
        rejected.sort(Comparator.comparingLong(RowOutcome.Rejected::rowNumber));
        return new ChunkResult(ref.chunk(), imported, rejected, List.copyOf(replaced), List.copyOf(reset));
    }

    /**
     * Stored leads in scope sharing a key with the chunk's leads, leaving out this import's own
     * leads; only keys that may be stored are looked up. When the scope covers the destination list,
     * the keys looked up and found on no lead there are added to {@code absentEntries} (as
     * {@link LeadStore#entryId} names them).
     */
    private Map<String, List<ExistingLead>> existingMatches(String importId, ImportRequest request, List<Lead> candidates,
                                                            KeysMaybeStored maybeStored, Set<String> absentEntries) {
        Dedupe dedupe = request.settings().dedupe();
        if (maybeStored.none()) {
            return Map.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        candidates.forEach(lead -> DedupeKeys.of(lead, dedupe.on()).stream().filter(maybeStored::mayBe).forEach(keys::add));
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<String> lists = null;
        if (dedupe.scope() == Dedupe.Scope.LISTS) {
            lists = new ArrayList<>();
            if (dedupe.destinationList()) {
                lists.add(request.details().list());
            }
            if (dedupe.additionalLists() != null) {
                dedupe.additionalLists().stream().filter(l -> !l.equals(request.details().list())).forEach(lists::add);
            }
        }
        String ownPrefix = importId + "-";
        String destination = request.details().list();
        Map<String, List<ExistingLead>> found = leads.findMatches(keys, lists);
        if (lists == null || lists.contains(destination)) {
            for (String key : keys) {
                if (found.getOrDefault(key, List.of()).stream().noneMatch(e -> e.list().equals(destination))) {
                    absentEntries.add(LeadStore.entryId(key, destination));
                }
            }
        }
        Map<String, List<ExistingLead>> matches = new LinkedHashMap<>();
        found.forEach((key, inScope) -> {
            List<ExistingLead> others = inScope.stream().filter(e -> !e.leadId().startsWith(ownPrefix)).toList();
            if (!others.isEmpty()) {
                matches.put(key, others);
            }
        });
        return matches;
    }

    /** Where stored leads came from, as a supervisor knows it: the import's file and date (each import read once). */
    private final class Origins {
        private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
        private final Map<String, String> byImport = new java.util.HashMap<>();

        String of(ExistingLead lead) {
            String importId = StoredLead.importIdOf(lead.leadId());
            return byImport.computeIfAbsent(importId, id -> imports.find(id)
                    .filter(found -> found.fileName() != null || found.importDate() != null)
                    .map(found -> " imported" + (found.fileName() == null ? "" : " from " + found.fileName())
                            + (found.importDate() == null ? "" : " on " + DATE.format(found.importDate())))
                    .orElse(""));
        }
    }

    /** Rows rejected here, given their original cells once all are known. */
    private static final class RejectedHere {
        private final Map<Long, List<String>> cells;
        private final List<RowOutcome.Rejected> rows = new ArrayList<>();

        RejectedHere(Map<Long, List<String>> cells) {
            this.cells = cells;
        }

        void add(long row, Reason reason, String message) {
            rows.add(new RowOutcome.Rejected(row, reason, message, null));
        }

        List<RowOutcome.Rejected> withCells() {
            List<RowOutcome.Rejected> withCells = new ArrayList<>(rows.size());
            rows.forEach(row -> withCells.add(new RowOutcome.Rejected(row.rowNumber(), row.reason(), row.message(),
                    cells.get(row.rowNumber()))));
            return withCells;
        }
    }

    /**
     * The chunk's rows as Screen left them: the rows it rejected, with their cells; a lead made again
     * from each row it let through, with the DNC answers it recorded, but for the in-file duplicates
     * (never made into leads); and the cells of the rows still undecided, by row number.
     */
    private Rows rows(ChunkRef ref, ImportRecord record, Map<Long, Long> inFile) {
        ChunkCodec.Chunk chunk = ChunkCodec.decode(files.readParts(workBucket, WorkFiles.chunk(ref.importId(), ref.chunk())));
        ScreenedChunk screened = ScreenedChunk.decode(files.readParts(workBucket, WorkFiles.screened(ref.importId(), ref.chunk())));
        RowProcessor processor = contexts.of(record, chunk.headers()).processor();
        DncLookup dnc = screened.dncListed()::contains;
        Map<Long, RowOutcome.Rejected> refused = new HashMap<>(screened.rejected().size() * 2);
        screened.rejected().forEach(row -> refused.put(row.rowNumber(), row));
        List<Lead> leads = new ArrayList<>(chunk.rows().size());
        List<RowOutcome.Rejected> rejected = new ArrayList<>(refused.size());
        Map<Long, List<String>> cells = new HashMap<>(chunk.rows().size() * 2);
        for (CsvRow row : chunk.rows()) {
            RowOutcome.Rejected byScreen = refused.get(row.rowNumber());
            if (byScreen != null) {
                rejected.add(new RowOutcome.Rejected(row.rowNumber(), byScreen.reason(), byScreen.message(), row.cells()));
                continue;
            }
            cells.put(row.rowNumber(), row.cells());
            if (inFile.containsKey(row.rowNumber())) {
                continue;
            }
            // Screen's rules and DNC answers, so Screen's lead (should a deploy meanwhile change the rules so
            // that they refuse the row, it is rejected as they now say)
            RowOutcome outcome = processor.process(row, dnc);
            if (outcome instanceof RowOutcome.Imported imported) {
                leads.add(imported.lead());
            } else {
                rejected.add((RowOutcome.Rejected) outcome);
            }
        }
        return new Rows(leads, rejected, cells);
    }

    private record Rows(List<Lead> leads, List<RowOutcome.Rejected> rejected, Map<Long, List<String>> cells) {
    }
}
