package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.lead;
import static com.leadimport.workflow.FakeWorkflow.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.ports.LeadStore.LeadRef;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Delete existing records and Clear fetched data, once the file is read and the lease held: a page a call. */
class PrepareListTest {

    private final FakeWorkflow fakes = new FakeWorkflow();

    private PrepareListResult prepare(String importId, String list, String settings) {
        fakes.running(importId, request(list, settings), 1, 1, null);
        return fakes.workflow.prepareList().prepare(FakeWorkflow.split(importId, 1, 1));
    }

    @Test
    void deleteExistingEmptiesTheDestinationListButKeepsLeadsWithCallbacksWhenAsked() {
        fakes.stored("May", "old", lead(1, "Ann", "345001", null), 0);
        fakes.stored("May", "old", lead(2, "Bob", "345002", null), 0);
        fakes.stored("April", "older", lead(1, "Cy", "345003", null), 0);
        fakes.leads.addCallback(new LeadRef("May", "old-000000001"), "cb1", "2026-05-05T10:00");

        PrepareListResult keeping = prepare("imp1", "May", "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": true}");
        PrepareListResult keepingDone = fakes.workflow.prepareList().prepare(FakeWorkflow.split("imp1", 1, 1));
        List<String> keepingCallbacks = fakes.names("May");
        PrepareListResult all = prepare("imp2", "May", "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": false}");

        assertThat(keeping).isEqualTo(new PrepareListResult("imp1", false, 1));
        assertThat(keepingDone.done()).isTrue();
        assertThat(keepingCallbacks).containsExactly("Ann");
        assertThat(all.removed()).isEqualTo(1);
        assertThat(fakes.names("May")).isEmpty();
        assertThat(fakes.leads.callbacks("May")).isEmpty();
        assertThat(fakes.names("April")).containsExactly("Cy");
        assertThat(fakes.leads.keyIndex()).as("the removed leads' keys went with them").containsOnlyKeys("P#+447412345003|April");
    }

    @Test
    void aLargeListIsRemovedAPageACall() {
        for (int row = 1; row <= Workflow.DELETE_PAGE + 10; row++) {
            fakes.stored("May", "old", lead(row, "L" + row, null, "l" + row + "@example.com"), 0);
        }

        PrepareListResult first = prepare("imp1", "May", "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": false}");
        PrepareListResult second = fakes.workflow.prepareList().prepare(FakeWorkflow.split("imp1", 1, 1));
        PrepareListResult third = fakes.workflow.prepareList().prepare(FakeWorkflow.split("imp1", 1, 1));

        assertThat(first).isEqualTo(new PrepareListResult("imp1", false, Workflow.DELETE_PAGE));
        assertThat(second).isEqualTo(new PrepareListResult("imp1", false, 10));
        assertThat(third).isEqualTo(new PrepareListResult("imp1", true, 0));
        assertThat(fakes.names("May")).isEmpty();
    }

    @Test
    void withoutDeleteExistingTheListsLeadsStay() {
        fakes.stored("May", "old", lead(1, "Ann", "345001", null), 0);

        PrepareListResult result = prepare("imp1", "May", "\"deleteExisting\": {\"enabled\": false, \"keepLeadsWithCallbacks\": false}");

        assertThat(result.done()).isTrue();
        assertThat(fakes.names("May")).containsExactly("Ann");
    }

    @Test
    void clearFetchedDataFlushesOnlyTheDestinationListsBuffer() {
        fakes.buffer.add("May", List.of("x-1", "x-2"));
        fakes.buffer.add("April", List.of("y-1"));

        prepare("imp1", "May", "\"clearFetchedData\": true");
        prepare("imp2", "April", "\"clearFetchedData\": false");

        assertThat(fakes.buffer.contents("May")).isEmpty();
        assertThat(fakes.buffer.contents("April")).containsExactly("y-1");
    }

    // ---------- the import's keys against the lists' ----------

    private static long[] fingerprints(String... keys) {
        return Arrays.stream(keys).mapToLong(DedupeKeys::fingerprint).sorted().toArray();
    }

    /** An import whose rows have these keys, as ResolveDuplicates leaves them, prepared. */
    private void prepareWithKeys(String importId, String list, String settings, String... keys) {
        fakes.files.put(FakeWorkflow.WORK_BUCKET, WorkFiles.importKeys(importId), Fingerprints.encodeSorted(fingerprints(keys)),
                "application/octet-stream");
        assertThat(prepare(importId, list, settings).done()).isTrue();
    }

    private long[] maybeStored(String importId) {
        String file = WorkFiles.keysMaybeStored(importId);
        return fakes.files.exists(FakeWorkflow.WORK_BUCKET, file)
                ? Fingerprints.decodeSorted(fakes.files.read(FakeWorkflow.WORK_BUCKET, file)) : null;
    }

    private long[] listKeys(String list) {
        String file = ListKeys.file(list);
        return fakes.files.exists(FakeWorkflow.WORK_BUCKET, file)
                ? Fingerprints.decodeSorted(fakes.files.read(FakeWorkflow.WORK_BUCKET, file)) : null;
    }

    @Test
    void intoANewListNoKeyMayBeStoredAndTheImportsKeysAreKeptForTheNextImport() {
        prepareWithKeys("imp1", "Fresh", FakeWorkflow.dedupe("LISTS", "KEEP_EXISTING"), "P#+447412345001", "E#ann@example.com");
        prepareWithKeys("imp2", "Fresh", FakeWorkflow.dedupe("LISTS", "KEEP_EXISTING"), "P#+447412345001", "P#+447412345002");

        assertThat(maybeStored("imp1")).isEmpty();
        assertThat(maybeStored("imp2")).containsExactly(fingerprints("P#+447412345001"));
        assertThat(listKeys("Fresh")).containsExactly(fingerprints("P#+447412345001", "P#+447412345002", "E#ann@example.com"));
    }

    @Test
    void aListHoldingLeadsWithoutKeptKeysIsUnknownSoEveryKeyIsLookedUp() {
        fakes.stored("Old", "before", lead(1, "Ann", "345001", null), 0);

        prepareWithKeys("imp1", "Old", FakeWorkflow.dedupe("LISTS", "KEEP_EXISTING"), "P#+447412345001");

        assertThat(maybeStored("imp1")).as("no answer: WriteChunk looks every key up").isNull();
        assertThat(listKeys("Old")).as("its keys stay unknown").isNull();
    }

    @Test
    void theOtherListsOfTheScopeCountAndOneUnknownListMakesTheAnswerUnknown() {
        prepareWithKeys("imp1", "Other", "", "P#+447412345009");
        fakes.stored("Legacy", "before", lead(1, "Ann", "345001", null), 0);
        String withOther = "\"dedupe\": { \"enabled\": true, \"on\": \"PHONE\", \"scope\": \"LISTS\", \"action\": \"KEEP_EXISTING\","
                + " \"destinationList\": true, \"additionalLists\": [\"Other\"] }";
        String withLegacy = withOther.replace("\"Other\"]", "\"Other\", \"Legacy\"]");

        prepareWithKeys("imp2", "New", withOther, "P#+447412345009", "P#+447412345010");
        prepareWithKeys("imp3", "Newer", withLegacy, "P#+447412345009", "P#+447412345010");
        fakes.catalog.createList("Other");
        fakes.catalog.createList("New");
        prepareWithKeys("imp4", "Newest", FakeWorkflow.dedupe("GLOBAL", "KEEP_EXISTING"), "P#+447412345010", "P#+447412345011");

        assertThat(maybeStored("imp2")).containsExactly(fingerprints("P#+447412345009"));
        assertThat(maybeStored("imp3")).as("Legacy holds leads whose keys are unknown").isNull();
        assertThat(maybeStored("imp4")).as("a global scope looks at every list").containsExactly(fingerprints("P#+447412345010"));
    }

    @Test
    void aRetriedPrepareKeepsItsFirstAnswerThoughTheDestinationNowHoldsTheImportsKeys() {
        prepareWithKeys("imp1", "Fresh", "", "P#+447412345001");
        fakes.files.put(FakeWorkflow.WORK_BUCKET, WorkFiles.importKeys("imp2"),
                Fingerprints.encodeSorted(fingerprints("P#+447412345001", "P#+447412345002")), "application/octet-stream");
        prepare("imp2", "Fresh", "");
        fakes.workflow.prepareList().prepare(FakeWorkflow.split("imp2", 1, 1));

        assertThat(maybeStored("imp2")).containsExactly(fingerprints("P#+447412345001"));
        assertThat(listKeys("Fresh")).containsExactly(fingerprints("P#+447412345001", "P#+447412345002"));
    }

    @Test
    void aListEmptiedByDeleteExistingKeepsNoKeysButThoseOfTheImportThatEmptiedIt() {
        String delete = "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": %s}";
        prepareWithKeys("imp1", "May", "", "P#+447412345001", "P#+447412345002");
        fakes.stored("May", "imp1", lead(1, "Ann", "345001", null), 0);
        fakes.stored("May", "imp1", lead(2, "Bob", "345002", null), 0);
        fakes.leads.addCallback(new LeadRef("May", "imp1-000000001"), "cb1", "2026-05-05T10:00");

        fakes.files.put(FakeWorkflow.WORK_BUCKET, WorkFiles.importKeys("imp2"), Fingerprints.encodeSorted(fingerprints("P#+447412345003")),
                "application/octet-stream");
        prepare("imp2", "May", delete.formatted(true));
        fakes.workflow.prepareList().prepare(FakeWorkflow.split("imp2", 1, 1));
        long[] keepingAnn = listKeys("May");
        fakes.files.put(FakeWorkflow.WORK_BUCKET, WorkFiles.importKeys("imp3"), Fingerprints.encodeSorted(fingerprints("P#+447412345004")),
                "application/octet-stream");
        prepare("imp3", "May", delete.formatted(false));
        fakes.workflow.prepareList().prepare(FakeWorkflow.split("imp3", 1, 1));

        assertThat(keepingAnn).as("Ann stayed for her callback: the list still holds keys").containsExactly(
                fingerprints("P#+447412345001", "P#+447412345002", "P#+447412345003"));
        assertThat(listKeys("May")).containsExactly(fingerprints("P#+447412345004"));
        assertThat(maybeStored("imp3")).isEmpty();
    }
}
