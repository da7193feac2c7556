package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.dedupe;
import static com.leadimport.workflow.FakeWorkflow.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.ports.LeaseStore;
import org.junit.jupiter.api.Test;

/** Imports whose dedupe scopes overlap take turns; others run side by side; a global scope excludes every list. */
class LeaseListsTest {

    private final FakeWorkflow fakes = new FakeWorkflow();

    private LeaseResult lease(String importId, String list, String settings) {
        fakes.running(importId, request(list, settings), 1, 1, null);
        return fakes.workflow.leaseLists().lease(FakeWorkflow.split(importId, 1, 1));
    }

    @Test
    void anImportIntoAListAnotherImportHoldsWaitsUntilItIsReleased() {
        LeaseResult first = lease("imp1", "May", dedupe("LISTS", "KEEP_EXISTING"));
        LeaseResult second = lease("imp2", "May", "");
        fakes.workflow.finalizeImport().finish(FakeWorkflow.split("imp1", 0, 0));
        LeaseResult again = fakes.workflow.leaseLists().lease(FakeWorkflow.split("imp2", 1, 1));

        assertThat(first.acquired()).isTrue();
        assertThat(second).isEqualTo(new LeaseResult("imp2", false, java.util.List.of("May")));
        assertThat(again.acquired()).isTrue();
    }

    @Test
    void anAdditionalDedupeListIsLeasedToo() {
        lease("imp1", "April", "");
        LeaseResult reading = lease("imp2", "May", "\"dedupe\": { \"enabled\": true, \"on\": \"PHONE\", \"scope\": \"LISTS\","
                + " \"destinationList\": true, \"additionalLists\": [\"April\"], \"action\": \"KEEP_EXISTING\" }");
        LeaseResult elsewhere = lease("imp3", "June", "");

        assertThat(reading.acquired()).isFalse();
        assertThat(reading.busy()).containsExactly("April");
        assertThat(elsewhere.acquired()).as("a list no one else touches").isTrue();
    }

    @Test
    void aGlobalScopeWaitsForEveryListAndEveryListWaitsForIt() {
        lease("imp1", "April", "");
        LeaseResult global = lease("imp2", "May", dedupe("GLOBAL", "KEEP_EXISTING"));
        fakes.leases.release("imp1");
        LeaseResult globalAgain = fakes.workflow.leaseLists().lease(FakeWorkflow.split("imp2", 1, 1));
        LeaseResult other = lease("imp3", "June", "");

        assertThat(global.acquired()).isFalse();
        assertThat(globalAgain.acquired()).isTrue();
        assertThat(other.acquired()).isFalse();
        assertThat(other.busy()).contains(LeaseStore.EVERY_LIST);
    }

    @Test
    void aLeaseThatLapsedIsFreeToTake() {
        fakes.leases.acquire(java.util.Set.of("May"), "dead-import", FakeWorkflow.NOW.minusSeconds(3600),
                FakeWorkflow.NOW.minusSeconds(60));

        assertThat(lease("imp1", "May", "").acquired()).isTrue();
    }
}
