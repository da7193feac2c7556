package com.leadimport.local.e2e;

import static com.leadimport.local.e2e.Imports.dedupe;
import static com.leadimport.local.e2e.Imports.leads;
import static com.leadimport.local.e2e.Imports.names;
import static com.leadimport.local.e2e.Imports.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.row.Reason;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.adapters.dynamodb.DynamoLeadStore;
import com.leadimport.local.LocalRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every dedupe scope with every action, on the same story: a lead already on the destination
 * list (Ann) and one on another list (Bob); the file repeats both numbers, one in-file twice
 * (Cy, Cy2), and brings one new lead (Di).
 */
class DedupeMatrixTest {

    private static LocalRuntime runtime;
    private static int run;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null).withChunkRows(2));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // scope,  action,        destination after,         other list after, DUPLICATE, RESET_EXISTING, replaced
            "FILE,     KEEP_EXISTING, Ann|Ann2|Bob2|Cy|Di,          Bob,              1, 0, 0",
            "FILE,     KEEP_NEW,      Ann|Ann2|Bob2|Cy2|Di,         Bob,              1, 0, 0",
            "FILE,     RESET_OLDER,   Ann|Ann2|Bob2|Cy|Di,          Bob,              1, 0, 0",
            "LISTS,    KEEP_EXISTING, Ann|Bob2|Cy|Di,               Bob,              2, 0, 0",
            "LISTS,    KEEP_NEW,      Ann2|Bob2|Cy2|Di,             Bob,              1, 0, 1",
            "LISTS,    RESET_OLDER,   Ann|Bob2|Cy|Di,               Bob,              1, 1, 0",
            "GLOBAL,   KEEP_EXISTING, Ann|Cy|Di,                    Bob,              3, 0, 0",
            "GLOBAL,   KEEP_NEW,      Ann2|Bob2|Cy2|Di,             '',               1, 0, 2",
            "GLOBAL,   RESET_OLDER,   Ann|Cy|Di,                    Bob,              1, 2, 0"})
    void scopeAndAction(String scope, String action, String destinationAfter, String otherAfter, long duplicates, long resets,
                        long replaced) {
        run++;
        String destination = "Dest" + run;
        String other = "Other" + run;
        String n = String.format("%02d", run);
        run(runtime, destination, "", "Ann,07412 3" + n + "001,\n");
        run(runtime, other, "", "Bob,07412 3" + n + "002,\n");
        runtime.dynamoDbClient().updateItem(b -> b.tableName(runtime.tables().leads())
                .key(DynamoLeadStore.leadKey(other, leads(runtime, other).get(0).leadId()))
                .updateExpression("SET callAttempts = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN("5"))));
        String lists = scope.equals("LISTS") ? "\"destinationList\": true" : "";

        ImportRecord record = run(runtime, destination, dedupe(scope, action, lists),
                "Ann2,07412 3" + n + "001,\nBob2,07412 3" + n + "002,\nCy,07412 3" + n + "003,\nCy2,07412 3" + n + "003,\n"
                        + "Di,07412 3" + n + "004,\n");

        assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(record.imported() + record.rejected()).isEqualTo(5);
        assertThat(names(runtime, destination)).containsExactly(destinationAfter.split("\\|"));
        assertThat(names(runtime, other)).isEqualTo(otherAfter.isEmpty() ? List.of() : List.of(otherAfter.split("\\|")));
        assertThat(record.rejectedByReason().getOrDefault(Reason.DUPLICATE, 0L)).isEqualTo(duplicates);
        assertThat(record.rejectedByReason().getOrDefault(Reason.RESET_EXISTING, 0L)).isEqualTo(resets);
        assertThat(record.replacedExisting()).isEqualTo(replaced);
        if (action.equals("RESET_OLDER") && scope.equals("GLOBAL")) {
            assertThat(leads(runtime, other).get(0).callAttempts()).isZero();
        } else if (!otherAfter.isEmpty()) {
            assertThat(leads(runtime, other).get(0).callAttempts()).isEqualTo(5);
        }
    }

    /**
     * A list whose leads were stored before the lists' key fingerprints were kept has none: its keys
     * are unknown, so an import that looks there or writes there looks every key up, as before.
     */
    @org.junit.jupiter.api.Test
    void leadsStoredBeforeTheListsKeysWereKeptAreStillFoundAsDuplicates() {
        com.leadimport.domain.row.Lead ann = new com.leadimport.domain.row.Lead(1,
                Map.of(com.leadimport.domain.request.LeadField.FIRST_NAME, "Ann"),
                Map.of(com.leadimport.domain.request.LeadField.PHONE1,
                        new com.leadimport.domain.phone.FormattedPhone("07412 399001", "+447412399001")),
                null, null, null, Map.of());
        com.leadimport.ports.StoredLead stored = new com.leadimport.ports.StoredLead(
                com.leadimport.ports.StoredLead.leadId("legacy", 1), "Legacy", "legacy", ann, null, null, 0);
        runtime.stores().leads().write(List.of(stored));
        runtime.stores().leads().applyKeyChanges(com.leadimport.ports.LeadStore.KeyChange.additions(List.of(stored)));
        runtime.stores().catalog().createList("Legacy");

        ImportRecord intoLegacy = run(runtime, "Legacy", dedupe("LISTS", "KEEP_EXISTING", "\"destinationList\": true"),
                "Ann2,07412 399001,\nDi,07412 399004,\n");
        ImportRecord global = run(runtime, "Elsewhere", dedupe("GLOBAL", "KEEP_EXISTING", ""),
                "Ann3,07412 399001,\nEd,07412 399005,\n");

        assertThat(intoLegacy.rejectedByReason()).containsEntry(Reason.DUPLICATE, 1L);
        assertThat(names(runtime, "Legacy")).containsExactly("Ann", "Di");
        assertThat(global.rejectedByReason()).containsEntry(Reason.DUPLICATE, 1L);
        assertThat(names(runtime, "Elsewhere")).containsExactly("Ed");
    }
}
