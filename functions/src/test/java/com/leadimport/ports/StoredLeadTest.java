package com.leadimport.ports;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.row.Lead;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredLeadTest {

    private static StoredLead stored(String leadId, String importId, long row) {
        return new StoredLead(leadId, "List", importId, new Lead(row, Map.of(), Map.of(), null, null, null, Map.of()), null, null, 0);
    }

    @Test
    void aLeadIdNamesItsImportAndRowOnlyWhenTheImportADashAndTheRowMakeIt() {
        String importId = "9d98c6b9-98d6-4eac-8b50-2062baacb795";

        assertThat(stored(StoredLead.leadId(importId, 42), importId, 42).idNamesImportAndRow()).isTrue();
        assertThat(stored(StoredLead.leadId(importId, 1_234_567_890L), importId, 1_234_567_890L).idNamesImportAndRow()).isTrue();
        assertThat(stored(StoredLead.leadId(importId, 42), importId, 43).idNamesImportAndRow()).as("another row").isFalse();
        assertThat(stored("imp-12-5", "imp", 5).idNamesImportAndRow()).as("the import would read back as imp-12").isFalse();
        assertThat(stored("kept-by-hand", "imp", 0).idNamesImportAndRow()).isFalse();
        assertThat(stored("imp-", "imp", 0).idNamesImportAndRow()).isFalse();
    }

    @Test
    void theRowIsTheDigitsAfterTheLastDash() {
        assertThat(StoredLead.rowOf("imp-000000042")).isEqualTo(42);
        assertThat(StoredLead.rowOf("a-b-7")).isEqualTo(7);
        assertThat(StoredLead.rowOf("imp-4a")).isEqualTo(-1);
        assertThat(StoredLead.rowOf("imp-")).isEqualTo(-1);
        assertThat(StoredLead.rowOf("nodash")).isEqualTo(-1);
        assertThat(StoredLead.rowOf("imp-" + "9".repeat(19))).as("past a long's digits").isEqualTo(-1);
    }
}
