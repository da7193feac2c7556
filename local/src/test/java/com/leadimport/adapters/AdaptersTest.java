package com.leadimport.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.adapters.dynamodb.DynamoStores;
import com.leadimport.adapters.s3.S3FileStore;
import com.leadimport.ports.FileStore;
import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportResult;
import com.leadimport.imports.ImportStatus;
import com.leadimport.local.LocalRuntime;
import com.leadimport.ports.LeadStore;
import com.leadimport.ports.LeadStore.LeadRef;
import com.leadimport.ports.StoredLead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DynamoDB and S3 adapters against the emulator and s3proxy in this JVM. */
class AdaptersTest {

    private static LocalRuntime runtime;
    private static DynamoStores stores;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null));
        stores = runtime.stores();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static StoredLead lead(String list, String importId, long row, String phone, String email, Map<String, String> secondary) {
        Map<LeadField, String> fields = new java.util.EnumMap<>(LeadField.class);
        fields.put(LeadField.FIRST_NAME, "Lead " + row);
        if (email != null) {
            fields.put(LeadField.EMAIL, email);
        }
        Map<LeadField, FormattedPhone> phones = phone == null ? Map.of()
                : Map.of(LeadField.PHONE1, new FormattedPhone("0" + phone.substring(3), phone));
        return new StoredLead(StoredLead.leadId(importId, row), list, importId,
                new Lead(row, fields, phones, "info " + row, "Europe/London", "Europe/London", secondary), secondary.isEmpty() ? null : "Extras",
                LocalDate.of(2026, 6, 1), 2);
    }

    private static List<String> ids(String list) {
        List<String> ids = new ArrayList<>();
        stores.leads().forEachLead(list, l -> ids.add(l.leadId()));
        return ids;
    }

    @Test
    void leadsRoundTripWithTheirSecondaryValues() {
        StoredLead written = lead("RT", "imp-rt", 1, "+447412345001", "a@example.com", Map.of("Tariff", "Gold"));
        stores.leads().write(List.of(written));

        List<StoredLead> read = new ArrayList<>();
        stores.leads().forEachLead("RT", read::add);

        assertThat(read).containsExactly(written);
    }

    @Test
    void aLeadItemStoresNothingItsKeySaysAndComesBackWhole() {
        // GIVEN a lead as an import makes it (its id the import's and its row, no call made yet), and one whose id is not
        StoredLead imported = lead("Lean", "imp-lean", 42, "+447412345042", null, Map.of());
        imported = new StoredLead(imported.leadId(), imported.list(), imported.importId(), imported.lead(), null, imported.expiresOn(), 0);
        StoredLead byHand = new StoredLead("kept-by-hand", "Lean", "imp-other", imported.lead(), null, imported.expiresOn(), 3);

        // WHEN
        stores.leads().write(List.of(imported, byHand));

        // THEN the import's lead item has no list, import, row or call attempts beside its key; the other keeps what its id does not say
        assertThat(rawItem(imported)).containsKeys("listShard", "leadId", "firstName", "phone1E164")
                .doesNotContainKeys("list", "importId", "row", "callAttempts");
        assertThat(rawItem(byHand)).containsKeys("importId", "row", "callAttempts").doesNotContainKey("list");
        List<StoredLead> read = new ArrayList<>();
        stores.leads().forEachLead("Lean", read::add);
        assertThat(read).containsExactlyInAnyOrder(imported, byHand);
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> rawItem(StoredLead stored) {
        return runtime.dynamoDbClient().getItem(b -> b.tableName(runtime.tables().leads()).consistentRead(true)
                .key(com.leadimport.adapters.dynamodb.DynamoLeadStore.leadKey(stored.list(), stored.leadId()))).item();
    }

    @Test
    void manyLeadsSomeWithSecondaryRowsAreWrittenInBatchesTheServiceTakes() {
        // GIVEN 101 leads, every third with a secondary row (two writes): batches must still hold at most 25
        List<StoredLead> written = new ArrayList<>();
        for (int row = 1; row <= 101; row++) {
            written.add(lead("Batched", "imp-batched", row, "+4474123" + (45000 + row), null,
                    row % 3 == 0 ? Map.of("Tariff", "Gold " + row) : Map.of()));
        }

        // WHEN
        stores.leads().write(written);

        // THEN every lead comes back with its secondary values
        List<StoredLead> read = new ArrayList<>();
        stores.leads().forEachLead("Batched", read::add);
        assertThat(read).containsExactlyInAnyOrderElementsOf(written);
    }

    /** Leads written as an import writes them: the lead items, then their keys into the index (WriteKeys). */
    private static void store(List<StoredLead> leads) {
        stores.leads().write(leads);
        stores.leads().applyKeyChanges(LeadStore.KeyChange.additions(leads));
    }

    @Test
    void matchesAreFoundGloballyOrOnTheGivenListsOnly() {
        store(List.of(lead("MA", "imp-m1", 1, "+447412345101", "m@example.com", Map.of()),
                lead("MB", "imp-m2", 1, "+447412345101", null, Map.of())));

        var global = stores.leads().findMatches(List.of("P#+447412345101", "E#m@example.com", "P#+440000000000"), null);
        var onA = stores.leads().findMatches(List.of("P#+447412345101"), List.of("MA"));
        var onBoth = stores.leads().findMatches(List.of("P#+447412345101"), List.of("MA", "MB", "Elsewhere"));

        assertThat(global.get("P#+447412345101")).extracting(e -> e.list()).containsExactlyInAnyOrder("MA", "MB");
        assertThat(global.get("E#m@example.com")).singleElement().satisfies(e -> assertThat(e.leadId()).isEqualTo("imp-m1-000000001"));
        assertThat(global).doesNotContainKey("P#+440000000000");
        assertThat(onA.get("P#+447412345101")).singleElement().satisfies(e -> assertThat(e.list()).isEqualTo("MA"));
        assertThat(onBoth.get("P#+447412345101")).extracting(e -> e.list()).containsExactlyInAnyOrder("MA", "MB");
    }

    @Test
    void aKeySharedByManyLeadsOfAListOverflowsItsEntryAndIsStillFoundWhole() {
        List<StoredLead> sharing = new ArrayList<>();
        for (int row = 1; row <= 9; row++) {
            sharing.add(lead("OV", "imp-ov", row, "+447412345501", "noemail@example.com", Map.of()));
        }
        store(sharing);
        store(List.of(lead("OV2", "imp-ov2", 1, "+447412345501", null, Map.of())));

        var onList = stores.leads().findMatches(List.of("P#+447412345501"), List.of("OV"));
        var everywhere = stores.leads().findMatches(List.of("E#noemail@example.com", "P#+447412345501"), null);
        stores.leads().delete(sharing.subList(0, 8).stream().map(l -> new LeadRef("OV", l.leadId())).toList());
        var afterRemoval = stores.leads().findMatches(List.of("P#+447412345501"), List.of("OV"));
        stores.leads().delete(List.of(new LeadRef("OV", sharing.get(8).leadId())));

        assertThat(onList.get("P#+447412345501")).extracting(e -> e.leadId()).hasSize(9).doesNotHaveDuplicates();
        assertThat(everywhere.get("P#+447412345501")).hasSize(10);
        assertThat(everywhere.get("E#noemail@example.com")).hasSize(9);
        assertThat(afterRemoval.get("P#+447412345501")).extracting(e -> e.leadId()).containsExactly(sharing.get(8).leadId());
        assertThat(stores.leads().findMatches(List.of("P#+447412345501"), List.of("OV"))).isEmpty();
        assertThat(stores.leads().findMatches(List.of("P#+447412345501"), List.of("OV2"))).hasSize(1);
    }

    @Test
    void aListsLeadsSpreadOverShardsComeBackInLeadIdOrderAndAnImportsLeadsPageThroughItsShards() {
        List<StoredLead> leads = new ArrayList<>();
        for (int row = 1; row <= 700; row++) {
            leads.add(lead("SH", "imp-sh", row, null, "s" + row + "@example.com", Map.of()));
        }
        stores.leads().write(leads);

        assertThat(ids("SH")).hasSize(700).isSorted();
        List<LeadRef> first = stores.leads().leadsOfImport("imp-sh", "SH", 500);
        stores.leads().delete(first);
        List<LeadRef> rest = stores.leads().leadsOfImport("imp-sh", "SH", 500);
        assertThat(first).hasSize(500).doesNotHaveDuplicates().allMatch(ref -> ref.list().equals("SH"));
        assertThat(rest).hasSize(200);
    }

    @Test
    void anImportsLeadsAreItsOwnThoughAnotherImportsIdBeginsWithIt() {
        List<StoredLead> leads = new ArrayList<>();
        for (int row = 1; row <= 300; row++) {
            leads.add(lead("PX", "imp-px", row, null, null, Map.of()));
            leads.add(lead("PX", "imp-px-2", row, null, null, Map.of()));
        }
        stores.leads().write(leads);

        List<LeadRef> own = stores.leads().leadsOfImport("imp-px", "PX", 1_000);
        List<LeadRef> page = stores.leads().leadsOfImport("imp-px", "PX", 120);

        assertThat(own).hasSize(300).doesNotHaveDuplicates()
                .allMatch(ref -> com.leadimport.ports.StoredLead.importIdOf(ref.leadId()).equals("imp-px"));
        assertThat(page).hasSize(120).allMatch(ref -> com.leadimport.ports.StoredLead.importIdOf(ref.leadId()).equals("imp-px"));
        assertThat(stores.leads().leadsOfImport("imp-px-2", "PX", 1_000)).hasSize(300);
    }

    @Test
    void deletingALeadRemovesItsKeysSecondaryRowCallbacksAndBufferEntry() {
        StoredLead doomed = lead("DL", "imp-d", 1, "+447412345201", null, Map.of("Tariff", "Gold"));
        StoredLead kept = lead("DL", "imp-d", 2, "+447412345202", null, Map.of());
        store(List.of(doomed, kept));
        stores.leads().addCallback(new LeadRef("DL", doomed.leadId()), "cb1", "2026-12-01T09:00");
        stores.leads().addCallback(new LeadRef("DL", kept.leadId()), "cb2", "2026-12-01T09:00");
        stores.buffer().add("DL", List.of(doomed.leadId(), kept.leadId()));

        stores.leads().delete(List.of(new LeadRef("DL", doomed.leadId()), new LeadRef("DL", "not-there")));

        assertThat(ids("DL")).containsExactly(kept.leadId());
        assertThat(stores.leads().findMatches(List.of("P#+447412345201"), null)).isEmpty();
        assertThat(stores.leads().callbacks("DL")).containsExactly(kept.leadId() + "/cb2");
        assertThat(stores.buffer().contents("DL")).containsExactly(kept.leadId());
    }

    @Test
    void deleteListKeepsLeadsWithCallbacksOnlyWhenAsked() {
        List<StoredLead> leads = new ArrayList<>();
        for (int row = 1; row <= 620; row++) {
            leads.add(lead("DX", "imp-x", row, null, "x" + row + "@example.com", Map.of()));
        }
        stores.leads().write(leads);
        stores.leads().addCallback(new LeadRef("DX", leads.get(3).leadId()), "cb", "2026-12-01T09:00");

        assertThat(stores.leads().deleteList("DX", true, 500)).isEqualTo(500);
        assertThat(stores.leads().deleteList("DX", true, 500)).isEqualTo(119);
        assertThat(stores.leads().deleteList("DX", true, 500)).isZero();
        assertThat(ids("DX")).containsExactly(leads.get(3).leadId());
        assertThat(stores.leads().deleteList("DX", false, 500)).isEqualTo(1);
        assertThat(ids("DX")).isEmpty();
        assertThat(stores.leads().callbacks("DX")).isEmpty();
    }

    @Test
    void resetCallAttemptsIgnoresMissingLeadsAndLeadsOfImportPages() {
        stores.leads().write(List.of(lead("RS", "imp-r", 1, "+447412345301", null, Map.of()),
                lead("RS", "imp-r", 2, "+447412345302", null, Map.of()), lead("RS", "imp-r", 3, "+447412345303", null, Map.of())));

        stores.leads().resetCallAttempts(List.of(new LeadRef("RS", "imp-r-000000001"), new LeadRef("RS", "gone")));

        List<StoredLead> read = new ArrayList<>();
        stores.leads().forEachLead("RS", read::add);
        assertThat(read).extracting(StoredLead::callAttempts).containsExactly(0, 2, 2);
        assertThat(ids("RS")).doesNotContain("gone");
        assertThat(stores.leads().leadsOfImport("imp-r", "RS", 2)).hasSize(2);
    }

    private static ImportRecord record(String id, Instant at) {
        return ImportRecord.awaitingFile(id, null, "upload", "uploads/" + id + "/f.csv", "f.csv", at, "test", LocalDate.of(2026, 5, 1));
    }

    @Test
    void importsAreCreatedOnceAndClaimedByOneExecution() {
        assertThat(stores.imports().create(record("c1", Instant.parse("2026-05-01T10:00:00Z")))).isTrue();
        assertThat(stores.imports().create(record("c1", Instant.parse("2026-05-01T10:00:00Z")))).isFalse();

        assertThat(stores.imports().claim("c1", "exec-a")).isTrue();
        assertThat(stores.imports().claim("c1", "exec-a")).as("a retried Prepare").isTrue();
        assertThat(stores.imports().claim("c1", "exec-b")).isFalse();
        assertThat(stores.imports().find("c1").orElseThrow().status()).isEqualTo(ImportStatus.RUNNING);
    }

    @Test
    void progressCountsARetriedChunkOnceAndCompletionRecordsTheCounts() {
        stores.imports().create(record("p1", Instant.parse("2026-05-01T11:00:00Z")));
        stores.imports().started("p1", 3, 12, 2, null);
        stores.imports().chunkScreened("p1", 0);
        stores.imports().chunkScreened("p1", 0);
        stores.imports().chunkScreened("p1", 2);
        stores.imports().chunkWritten("p1", 1);

        ImportRecord running = stores.imports().find("p1").orElseThrow();
        assertThat(running.chunksTotal()).isEqualTo(3);
        assertThat(running.chunksScreened()).isEqualTo(2);
        assertThat(running.chunksWritten()).isEqualTo(1);

        stores.imports().completed("p1", new ImportResult(12, 10, 2, Map.of(com.leadimport.domain.row.Reason.DNC, 2L), 1, "rejected/p1.csv"));
        ImportRecord done = stores.imports().find("p1").orElseThrow();
        assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(done.rejectedByReason()).containsExactly(Map.entry(com.leadimport.domain.row.Reason.DNC, 2L));
        assertThat(done.rejectedRowsKey()).isEqualTo("rejected/p1.csv");
    }

    @Test
    void expiringImportsAreFoundUntilPurgedAndHistoryIsNewestFirst() {
        stores.imports().create(record("e1", Instant.parse("2026-04-01T09:00:00Z")));
        stores.imports().create(record("e2", Instant.parse("2026-04-02T09:00:00Z")));
        stores.imports().create(record("e3", Instant.parse("2026-04-03T09:00:00Z")));
        stores.imports().started("e1", 1, 1, 0, LocalDate.of(2026, 4, 10));
        stores.imports().started("e2", 1, 1, 0, LocalDate.of(2026, 4, 20));
        stores.imports().started("e3", 1, 1, 0, LocalDate.of(2026, 4, 5));
        stores.imports().ended("e3", ImportStatus.FAILED, "boom");

        assertThat(stores.imports().expiringBefore(LocalDate.of(2026, 4, 11))).extracting(ImportRecord::importId).containsExactly("e1");
        stores.imports().purged("e1");
        assertThat(stores.imports().expiringBefore(LocalDate.of(2026, 4, 30))).extracting(ImportRecord::importId).containsExactly("e2");
        assertThat(stores.imports().history(100)).extracting(ImportRecord::importId).containsSubsequence("e3", "e2", "e1");
    }

    /** Numbers written straight into the DNC table, as nothing but {@code add} would: the marker and the category. */
    private static void writeDncBehindTheStoresBack(String category, String number) {
        for (String sortKey : List.of(category, "\u0002")) {
            runtime.dynamoDbClient().putItem(b -> b.tableName(runtime.tables().dnc()).item(Map.of(
                    "number", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(number),
                    "category", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(sortKey))));
        }
    }

    @Test
    void aDncCategoryKnownToHoldNoNumbersCostsNoLookupUntilANumberIsAdded() {
        stores.dnc().createCategory("Fresh");
        // behind the store's back: a lookup would find it, so an empty answer shows that no lookup was made
        writeDncBehindTheStoresBack("Fresh", "+447700900123");
        assertThat(stores.dnc().listed(List.of("Fresh"), List.of("+447700900123"))).isEmpty();

        stores.dnc().add("Fresh", List.of("+447700900456"));
        assertThat(stores.dnc().listed(List.of("Fresh"), List.of("+447700900123", "+447700900456", "+447700900789")))
                .containsExactlyInAnyOrder("+447700900123", "+447700900456");
        // creating it again does not mark it empty again
        stores.dnc().createCategory("Fresh");
        assertThat(stores.dnc().listed(List.of("Fresh"), List.of("+447700900456"))).containsExactly("+447700900456");
    }

    @Test
    void aDncCategoryNotKnownToBeEmptyIsAlwaysLookedUp() {
        // a category from a store that did not start empty has no mark (here: an old-style catalog item)
        runtime.dynamoDbClient().putItem(b -> b.tableName(runtime.tables().catalog()).item(Map.of(
                "kind", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("DNC_CATEGORY"),
                "name", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("Legacy"))));
        writeDncBehindTheStoresBack("Legacy", "+447700900321");
        assertThat(stores.dnc().listed(List.of("Legacy", "IVR"), List.of("+447700900321", "+447700900654")))
                .containsExactly("+447700900321");
        // and a category with no catalog item at all
        writeDncBehindTheStoresBack("Unrecorded", "+447700900987");
        assertThat(stores.dnc().listed(List.of("Unrecorded"), List.of("+447700900987"))).containsExactly("+447700900987");
    }

    @Test
    void aNewStoresDefaultDncCategoriesStartKnownEmpty() {
        writeDncBehindTheStoresBack("Requested", "+447700900111");
        assertThat(stores.dnc().listed(List.of("Requested"), List.of("+447700900111"))).isEmpty();
    }

    @Test
    void dncLooksUpManyNumbersAcrossCategoriesInBatches() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            numbers.add(String.format("+4474123%05d", i));
        }
        stores.dnc().add("IVR", numbers.subList(0, 60));
        stores.dnc().createCategory("Winback");
        stores.dnc().add("Winback", numbers.subList(150, 180));

        assertThat(stores.dnc().listed(List.of("IVR", "Requested"), numbers)).hasSize(60);
        assertThat(stores.dnc().listed(List.of("IVR", "Winback"), numbers)).hasSize(90);
        assertThat(stores.dnc().categories()).containsSequence("IVR", "Imported", "Requested").contains("Winback");
    }

    @Test
    void filesArePutReadListedAndDeletedByPrefix() {
        S3FileStore files = runtime.files();
        String bucket = runtime.tables().workBucket();
        for (int i = 0; i < 1_030; i++) {
            files.put(bucket, "t/many/" + i, new byte[] {1}, "application/octet-stream");
        }
        files.put(bucket, "t/other", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(files.list(bucket, "t/many/")).hasSize(1_030);
        assertThat(new String(files.read(bucket, "t/other"), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(files.size(bucket, "t/other")).isEqualTo(5);
        files.deletePrefix(bucket, "t/many/");
        assertThat(files.list(bucket, "t/")).containsExactly("t/other");
        assertThat(files.exists(bucket, "t/many/3")).isFalse();
        assertThatThrownBy(() -> files.size(bucket, "t/missing")).isInstanceOf(S3FileStore.MissingFileException.class);
    }

    @Test
    void aWorkFileIsWrittenFromPartsAndReadBackInPartsNoneLargerThanAPart() {
        S3FileStore files = runtime.files();
        String bucket = runtime.tables().workBucket();
        byte[] content = new byte[2 * FileStore.PART_BYTES + 1_234];
        new java.util.Random(7).nextBytes(content);
        List<byte[]> written = List.of(java.util.Arrays.copyOfRange(content, 0, 1_000),
                java.util.Arrays.copyOfRange(content, 1_000, content.length));

        files.putParts(bucket, "t/parts", written, "application/octet-stream");
        List<byte[]> parts = files.readParts(bucket, "t/parts");

        assertThat(parts).hasSize(3).allSatisfy(part -> assertThat(part.length).isLessThanOrEqualTo(FileStore.PART_BYTES));
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        parts.forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(content);
        assertThat(files.read(bucket, "t/parts")).isEqualTo(content);
        files.put(bucket, "t/empty", new byte[0], "application/octet-stream");
        assertThat(files.readParts(bucket, "t/empty")).allSatisfy(part -> assertThat(part).isEmpty());
        assertThatThrownBy(() -> files.readParts(bucket, "t/missing")).isInstanceOf(S3FileStore.MissingFileException.class);
        assertThat(files.readIfExists(bucket, "t/missing")).isNull();
        assertThat(files.readIfExists(bucket, "t/parts")).isEqualTo(content);
    }

    @Test
    void leasesAreTakenWholeRenewedReleasedAndLapse() {
        var leases = stores.leases();
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        Instant until = now.plusSeconds(600);

        assertThat(leases.acquire(java.util.Set.of("LA", "LB"), "imp-1", now, until)).isTrue();
        assertThat(leases.acquire(java.util.Set.of("LB", "LC"), "imp-2", now, until)).as("LB is imp-1's").isFalse();
        assertThat(leases.held(now)).as("imp-2 took nothing").containsOnlyKeys("LA", "LB");
        assertThat(leases.acquire(java.util.Set.of(com.leadimport.ports.LeaseStore.EVERY_LIST), "imp-3", now, until)).isFalse();
        assertThat(leases.acquire(java.util.Set.of("LA"), "imp-1", now, until)).as("its own, again").isTrue();
        leases.renew("imp-1", now.plusSeconds(1200));
        assertThat(leases.acquire(java.util.Set.of("LC"), "imp-2", now.plusSeconds(900), until.plusSeconds(900))).isTrue();
        assertThat(leases.acquire(java.util.Set.of("LB"), "imp-2", now.plusSeconds(900), until.plusSeconds(900))).isFalse();
        assertThat(leases.acquire(java.util.Set.of("LB"), "imp-2", now.plusSeconds(1300), until.plusSeconds(1300)))
                .as("imp-1's lease lapsed").isTrue();
        leases.release("imp-1");
        leases.release("imp-2");
        assertThat(leases.held(now)).isEmpty();
        assertThat(leases.acquire(java.util.Set.of(com.leadimport.ports.LeaseStore.EVERY_LIST), "imp-3", now, until)).isTrue();
        assertThat(leases.acquire(java.util.Set.of("LD"), "imp-4", now, until)).as("every list waits for a global scope").isFalse();
        leases.release("imp-3");
    }
}
