package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.WORK_BUCKET;
import static com.leadimport.workflow.FakeWorkflow.dedupe;
import static com.leadimport.workflow.FakeWorkflow.lead;
import static com.leadimport.workflow.FakeWorkflow.request;
import static com.leadimport.workflow.FakeWorkflow.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.leadimport.domain.request.FieldType;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Secondary;
import com.leadimport.domain.request.SecondaryFieldMapping;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.Reason;
import com.leadimport.domain.row.RowOutcome;
import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.LeadStore.LeadRef;
import com.leadimport.ports.StoreUnavailableException;
import com.leadimport.ports.StoredLead;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ann (on the destination list) and Bob (on another list, called five times) are stored; the
 * chunk brings Ann2 and Bob2 with their numbers, and Di, who is new.
 */
class WriteChunkTest {

    private static final ChunkRef CHUNK = new ChunkRef("imp1", 0, 1, 3);
    private static final LeadRef ANN = new LeadRef("Dest", "old1-000000001");
    private static final LeadRef BOB = new LeadRef("Other", "old2-000000001");

    private final FakeWorkflow fakes = new FakeWorkflow();

    @BeforeEach
    void storedLeads() {
        // Ann's import is in history (its file and date name her in messages); Bob's was purged long ago
        fakes.imports.create(ImportRecord.awaitingFile("old1", request("Dest", ""), FakeWorkflow.UPLOAD_BUCKET, "uploads/old1",
                "april.csv", FakeWorkflow.NOW, "ann", LocalDate.of(2026, 4, 3)));
        fakes.stored("Dest", "old1", lead(1, "Ann", "345001", null), 3);
        fakes.stored("Other", "old2", lead(1, "Bob", "345002", null), 5);
    }

    /** The import running, its one chunk screened with Ann2, Bob2 and Di, and no in-file duplicates. */
    private void screened(ImportRequest request) {
        fakes.running("imp1", request, 1, 3, null);
        fakes.chunkFile("imp1", 0, List.of(row(1, "Ann2", "07412 345001", ""), row(2, "Bob2", "07412 345002", ""),
                row(3, "Di", "07412 345004", "")));
        fakes.screenedFile("imp1", 0);
        fakes.duplicatesFile("imp1", 0, Map.of());
    }

    private ChunkResult write(String settings) {
        screened(request("Dest", settings));
        fakes.workflow.writeChunk().write(CHUNK);
        return fakes.result("imp1", 0);
    }

    private int callAttempts(LeadRef ref) {
        return fakes.leads.leads(ref.list()).stream().filter(l -> l.leadId().equals(ref.leadId())).findFirst().orElseThrow()
                .callAttempts();
    }

    @Test
    void keepExistingOnTheDestinationListRejectsOnlyRowsMatchingIt() {
        ChunkResult result = write(dedupe("LISTS", "KEEP_EXISTING"));

        assertThat(result.importedRows()).containsExactly(2L, 3L);
        assertThat(result.rejected()).singleElement().isEqualTo(new RowOutcome.Rejected(1, Reason.DUPLICATE,
                "duplicate of a lead on list 'Dest' imported from april.csv on 3 Apr 2026 with the same phone number 07412345001", List.of("Ann2", "07412 345001", "")));
        assertThat(fakes.names("Dest")).containsExactly("Ann", "Bob2", "Di");
        assertThat(fakes.names("Other")).containsExactly("Bob");
    }

    @Test
    void keepExistingGloballyRejectsRowsMatchingAnyList() {
        ChunkResult result = write(dedupe("GLOBAL", "KEEP_EXISTING"));

        assertThat(result.importedRows()).containsExactly(3L);
        assertThat(result.rejected()).extracting(RowOutcome.Rejected::rowNumber, RowOutcome.Rejected::reason)
                .containsExactly(tuple(1L, Reason.DUPLICATE), tuple(2L, Reason.DUPLICATE));
        assertThat(fakes.names("Dest")).containsExactly("Ann", "Di");
    }

    @Test
    void keepNewImportsTheRowsAndRemovesTheLeadsTheyReplace() {
        ChunkResult result = write(dedupe("GLOBAL", "KEEP_NEW"));

        assertThat(result.importedRows()).containsExactly(1L, 2L, 3L);
        assertThat(result.replaced()).containsExactly(ANN, BOB);
        assertThat(result.rejected()).isEmpty();
        assertThat(fakes.names("Dest")).containsExactly("Ann2", "Bob2", "Di");
        assertThat(fakes.names("Other")).isEmpty();
    }

    @Test
    void resetOlderResetsTheMatchesCallAttemptsAndDoesNotImportTheRow() {
        ChunkResult result = write(dedupe("GLOBAL", "RESET_OLDER"));

        assertThat(result.importedRows()).containsExactly(3L);
        assertThat(result.reset()).containsExactly(ANN, BOB);
        assertThat(result.rejected()).extracting(RowOutcome.Rejected::reason)
                .containsExactly(Reason.RESET_EXISTING, Reason.RESET_EXISTING);
        assertThat(result.rejected().get(1).message()).isEqualTo(
                "call attempts reset on a lead on list 'Other' with the same phone number 07412345002");
        assertThat(callAttempts(ANN)).isZero();
        assertThat(callAttempts(BOB)).isZero();
        assertThat(fakes.names("Dest")).containsExactly("Ann", "Di");
    }

    @Test
    void resetOlderOnTheDestinationListLeavesOtherListsAlone() {
        write(dedupe("LISTS", "RESET_OLDER"));

        assertThat(callAttempts(ANN)).isZero();
        assertThat(callAttempts(BOB)).isEqualTo(5);
        assertThat(fakes.names("Dest")).containsExactly("Ann", "Bob2", "Di");
    }

    @Test
    void fileScopeIgnoresStoredLeads() {
        ChunkResult fileScope = write(dedupe("FILE", "KEEP_EXISTING"));

        assertThat(fileScope.importedRows()).containsExactly(1L, 2L, 3L);
        assertThat(fakes.names("Dest")).containsExactly("Ann", "Ann2", "Bob2", "Di");
    }

    @Test
    void inFileDuplicatesAndScreenedRejectionsEndInTheResultInRowOrderWithTheirCells() {
        fakes.running("imp1", request("Dest", dedupe("FILE", "KEEP_NEW")), 1, 3, null);
        fakes.chunkFile("imp1", 0, List.of(row(1, "Cy", "07412 345003", ""), row(2, "Cy2", "07412 345003", ""),
                row(3, "Ed", "", "")));
        fakes.screenedFile("imp1", 0, List.of(new RowOutcome.Rejected(3, Reason.NO_CONTACT, "no phone or email", null)), Set.of());
        fakes.duplicatesFile("imp1", 0, Map.of(1L, 2L));

        fakes.workflow.writeChunk().write(CHUNK);

        ChunkResult result = fakes.result("imp1", 0);
        assertThat(result.importedRows()).containsExactly(2L);
        assertThat(result.rejected()).containsExactly(
                new RowOutcome.Rejected(1, Reason.DUPLICATE, "duplicate of row 2 of this file, a later row (keep new keeps the last)",
                        List.of("Cy", "07412 345003", "")),
                new RowOutcome.Rejected(3, Reason.NO_CONTACT, "no phone or email", List.of("Ed", "", "")));
        assertThat(fakes.names("Dest")).containsExactly("Ann", "Cy2");
    }

    @Test
    void theLeadsAreMadeAgainFromTheirRowsWithTheDncAnswersScreenRecordedNotTheStoresAnswersNow() {
        fakes.running("imp1", request("Dest", "\"dnc\": {\"enabled\": true, \"categories\": [\"IVR\"]}"), 1, 3, null);
        fakes.chunkFile("imp1", 0, List.of(row(1, "Ann3", "07412 345011", "ann@example.com"), row(2, "Bob3", "07412 345012", ""),
                row(3, "Di3", "+44 7412 345013", "")));
        // Screen found 345011 and 345012 on DNC and rejected Bob3; since then the store lists 345013 and no longer 345011
        fakes.screenedFile("imp1", 0, List.of(new RowOutcome.Rejected(2, Reason.DNC, "every phone number is on a checked DNC category",
                null)), Set.of("+447412345011", "+447412345012"));
        fakes.dnc.add("IVR", List.of("+447412345013"));

        fakes.workflow.writeChunk().write(CHUNK);

        ChunkResult result = fakes.result("imp1", 0);
        assertThat(result.importedRows()).containsExactly(1L, 3L);
        assertThat(result.rejected()).containsExactly(new RowOutcome.Rejected(2, Reason.DNC,
                "every phone number is on a checked DNC category", List.of("Bob3", "07412 345012", "")));
        assertThat(fakes.leads.leads("Dest")).filteredOn(l -> l.importId().equals("imp1"))
                .extracting(l -> l.lead().fields().get(com.leadimport.domain.request.LeadField.FIRST_NAME), l -> l.lead().email(),
                        l -> l.lead().phones().values().stream().map(p -> p.e164()).toList())
                .containsExactly(tuple("Ann3", "ann@example.com", List.of()), tuple("Di3", null, List.of("+447412345013")));
        assertThat(fakes.dnc.lookups()).as("WriteChunk asks the DNC store nothing").isZero();
    }

    @Test
    void leadsAreStoredUnderIdsFromTheRowWithTheImportsListExpiryAndSecondaryTable() {
        ImportRequest base = request("Dest", "");
        fakes.running("imp1", new ImportRequest(base.details(), base.settings(), base.mapping(), null, new Secondary("Extras",
                Map.of("Seen", new SecondaryFieldMapping(List.of("Email"), null, FieldType.TEXT, null, null)))), 1, 2,
                LocalDate.of(2026, 6, 1));
        fakes.chunkFile("imp1", 0, List.of(row(7, "Fi", "07412 345006", "fi@example.com"), row(8, "Gus", "07412 345007", "")));
        fakes.screenedFile("imp1", 0);

        fakes.workflow.writeChunk().write(new ChunkRef("imp1", 0, 7, 2));

        assertThat(fakes.leads.leads("Dest")).filteredOn(l -> l.importId().equals("imp1"))
                .extracting(StoredLead::leadId, StoredLead::list, StoredLead::secondaryTable, StoredLead::expiresOn,
                        StoredLead::callAttempts)
                .containsExactly(tuple("imp1-000000007", "Dest", "Extras", LocalDate.of(2026, 6, 1), 0),
                        tuple("imp1-000000008", "Dest", null, LocalDate.of(2026, 6, 1), 0));
        assertThat(fakes.leads.leads("Dest")).filteredOn(l -> l.leadId().equals("imp1-000000007"))
                .singleElement().satisfies(fi -> assertThat(fi.lead().secondary()).containsExactly(Map.entry("Seen", "fi@example.com")));
        assertThat(fakes.imports.find("imp1").orElseThrow().chunksWritten()).isEqualTo(1);
    }

    @Test
    void aChunkRetriedAfterFailingHalfWayReplaysItsDecisionsAndWritesNothingTwice() {
        screened(request("Dest", dedupe("GLOBAL", "KEEP_NEW")));
        AtomicBoolean failed = new AtomicBoolean();
        LeadStore failsOnceOnDelete = (LeadStore) Proxy.newProxyInstance(LeadStore.class.getClassLoader(),
                new Class<?>[] {LeadStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("deleteLeads") && !failed.getAndSet(true)) {
                        throw new StoreUnavailableException("throttled after writing the leads", null);
                    }
                    try {
                        return method.invoke(fakes.leads, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        WriteChunk writeChunk = new WriteChunk(fakes.imports, failsOnceOnDelete, fakes.files, WORK_BUCKET,
                new ListLeases(fakes.leases, java.time.Clock.systemUTC()));

        assertThatThrownBy(() -> writeChunk.write(CHUNK)).isInstanceOf(StoreUnavailableException.class);
        assertThat(fakes.imports.find("imp1").orElseThrow().chunksWritten()).isZero();
        writeChunk.write(CHUNK);

        assertThat(fakes.result("imp1", 0).replaced()).containsExactly(ANN, BOB);
        assertThat(fakes.names("Dest")).containsExactly("Ann2", "Bob2", "Di");
        assertThat(fakes.names("Other")).isEmpty();
        assertThat(fakes.imports.find("imp1").orElseThrow().chunksWritten()).isEqualTo(1);
    }

    @Test
    void aChunkWithNothingForWriteKeysRecordsNoKeyChangesAndItsRetryWritesTheSame() {
        screened(request("Dest", dedupe("LISTS", "KEEP_EXISTING")));
        fakes.files.put(WORK_BUCKET, WorkFiles.sharedKeys("imp1"), new byte[0], "application/octet-stream");

        fakes.workflow.writeChunk().write(CHUNK);
        fakes.workflow.writeChunk().write(CHUNK);

        assertThat(fakes.files.list(WORK_BUCKET, WorkFiles.prefix("imp1"))).noneMatch(key -> key.contains("key-changes"));
        assertThat(fakes.names("Dest")).containsExactly("Ann", "Bob2", "Di");
        assertThat(fakes.leads.findMatches(List.of("P#+447412345004"), List.of("Dest"))).containsOnlyKeys("P#+447412345004");
        assertThat(fakes.imports.find("imp1").orElseThrow().chunksWritten()).isEqualTo(1);
    }

    @Test
    void aChunkRetriedAfterItFinishedKeepsTheDecisionsItMadeAgainstTheStoreAsItWas() {
        ChunkResult first = write(dedupe("GLOBAL", "KEEP_NEW"));
        // meanwhile another import stores a lead with Di's number: deciding again would now replace it
        fakes.stored("Other", "old3", lead(1, "Di0", "345004", null), 0);

        fakes.workflow.writeChunk().write(CHUNK);

        assertThat(fakes.result("imp1", 0)).isEqualTo(first);
        assertThat(first.replaced()).containsExactly(ANN, BOB);
        assertThat(fakes.names("Dest")).containsExactly("Ann2", "Bob2", "Di");
        assertThat(fakes.names("Other")).containsExactly("Di0");
        assertThat(fakes.imports.find("imp1").orElseThrow().chunksWritten()).isEqualTo(1);
    }

    @Test
    void keysKnownNotToBeStoredAreNeitherLookedUpNorReadBeforeTheirEntryIsWritten() {
        // PrepareList's answer: of the chunk's keys only Bob's number may be stored; Ann's is stored
        // behind the lists' kept keys, so a lookup would find her and the rewrite of her entry would keep her
        fakes.files.put(WORK_BUCKET, WorkFiles.keysMaybeStored("imp1"), Fingerprints.encodeSorted(new long[] {
                com.leadimport.domain.dedupe.DedupeKeys.fingerprint("P#+447412345002")}), "application/octet-stream");
        // no key is shared with another chunk: this chunk writes every entry itself
        fakes.files.put(WORK_BUCKET, WorkFiles.sharedKeys("imp1"), new byte[0], "application/octet-stream");

        // the fake store refuses an entry said to be absent that it holds: Ann's entry would be written unread
        assertThatThrownBy(() -> write(dedupe("GLOBAL", "KEEP_EXISTING")))
                .hasMessageContaining("the entry P#+447412345001|Dest was said to be absent");

        ChunkResult result = fakes.result("imp1", 0);
        assertThat(result.importedRows()).as("Ann2 not looked up; Bob2 found on Other").containsExactly(1L, 3L);
        assertThat(result.rejected()).extracting(RowOutcome.Rejected::rowNumber).containsExactly(2L);
    }
}
