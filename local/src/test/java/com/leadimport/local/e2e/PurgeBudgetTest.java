package com.leadimport.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.imports.ImportRecord;
import com.leadimport.local.LocalRuntime;
import com.leadimport.workflow.PurgeExpiredImports;
import com.leadimport.workflow.Workflow;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A purge larger than one invocation's budget hands over and finishes across invocations. */
class PurgeBudgetTest {

    @Test
    void aLargeImportPurgesCompletelyAcrossInvocations() {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null))) {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 25; i++) {
                rows.append("L").append(i).append(",,l").append(i).append("@example.com\n");
            }
            ImportRecord record = Imports.run(runtime, "P", "\"expiry\": {\"enabled\": true, \"option\": \"IN_DAYS\", \"inDays\": 2}",
                    rows.toString());
            Workflow w = runtime.workflow();
            PurgeExpiredImports smallBudget = new Workflow(w.imports(), w.catalog(), w.dnc(), w.leads(), w.buffer(), w.files(),
                    w.clock(), w.workBucket(), w.chunkRows(), ZoneId.of("Europe/London"), 10).purgeExpiredImports();
            var after = record.expiresOn().plusDays(1);

            var first = smallBudget.purge(after);
            var second = smallBudget.purge(after);
            var third = smallBudget.purge(after);

            assertThat(first.complete()).isFalse();
            assertThat(first.leadsRemoved()).isEqualTo(10);
            assertThat(second.complete()).isFalse();
            assertThat(third.complete()).isTrue();
            assertThat(first.leadsRemoved() + second.leadsRemoved() + third.leadsRemoved()).isEqualTo(25);
            assertThat(Imports.leads(runtime, "P")).isEmpty();
            assertThat(smallBudget.purge(after)).satisfies(again -> {
                assertThat(again.complete()).isTrue();
                assertThat(again.leadsRemoved()).isZero();
            });
        }
    }
}
