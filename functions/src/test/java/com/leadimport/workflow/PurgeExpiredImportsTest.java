package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.TODAY;
import static com.leadimport.workflow.FakeWorkflow.lead;
import static com.leadimport.workflow.FakeWorkflow.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.imports.ImportResult;
import com.leadimport.ports.LeadStore.LeadRef;
import com.leadimport.ports.StoredLead;
import com.leadimport.workflow.PurgeExpiredImports.PurgeResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step-logic counterpart of the local runtime's PurgeBudgetTest, and the purge's choice of what has expired. */
class PurgeExpiredImportsTest {

    private static final LocalDate EXPIRES = TODAY.plusDays(2);
    private static final LocalDate AFTER = EXPIRES.plusDays(1);

    private final FakeWorkflow fakes = new FakeWorkflow(Clock.fixed(FakeWorkflow.NOW, ZoneOffset.UTC), 2, 10);
    private final PurgeExpiredImports purge = fakes.workflow.purgeExpiredImports();

    /** A completed import of {@code count} leads on {@code list}, expiring on {@code expiresOn} (or never). */
    private void imported(FakeWorkflow into, String importId, String list, int count, LocalDate expiresOn) {
        into.running(importId, request(list, ""), 1, count, expiresOn);
        List<StoredLead> leads = new ArrayList<>();
        for (int row = 1; row <= count; row++) {
            leads.add(new StoredLead(StoredLead.leadId(importId, row), list, importId,
                    lead(row, importId + "-" + row, null, importId + row + "@example.com"), null, expiresOn, 0));
        }
        into.leads.write(leads);
        into.imports.completed(importId, new ImportResult(count, count, 0, Map.of(), 0, null));
    }

    @Test
    void aPurgeLargerThanTheBudgetHandsOverAndFinishesAcrossInvocations() {
        imported(fakes, "imp1", "P", 25, EXPIRES);

        PurgeResult first = purge.purge(AFTER);
        PurgeResult second = purge.purge(AFTER);
        PurgeResult third = purge.purge(AFTER);
        PurgeResult again = purge.purge(AFTER);

        assertThat(first).isEqualTo(new PurgeResult(AFTER, false, false, 0, 10, 0));
        assertThat(second).isEqualTo(new PurgeResult(AFTER, false, false, 0, 10, 0));
        assertThat(third).isEqualTo(new PurgeResult(AFTER, true, false, 1, 5, 0));
        assertThat(again).isEqualTo(new PurgeResult(AFTER, true, false, 0, 0, 0));
        assertThat(fakes.leads.leads("P")).isEmpty();
        assertThat(fakes.imports.find("imp1").orElseThrow().purged()).isTrue();
    }

    @Test
    void importsShareTheBudgetAndEachIsMarkedPurgedOnceEmpty() {
        imported(fakes, "impA", "P", 6, EXPIRES);
        imported(fakes, "impB", "Q", 6, EXPIRES.minusDays(1));

        PurgeResult first = purge.purge(AFTER);
        List<Boolean> purgedAfterFirst = List.of(fakes.imports.find("impA").orElseThrow().purged(),
                fakes.imports.find("impB").orElseThrow().purged());
        PurgeResult second = purge.purge(AFTER);

        assertThat(first).isEqualTo(new PurgeResult(AFTER, false, false, 1, 10, 0));
        assertThat(purgedAfterFirst).as("the earlier expiry goes first").containsExactly(false, true);
        assertThat(fakes.imports.find("impA").orElseThrow().purged()).isTrue();
        assertThat(second).isEqualTo(new PurgeResult(AFTER, true, false, 1, 2, 0));
        assertThat(fakes.leads.leads("P")).isEmpty();
        assertThat(fakes.leads.leads("Q")).isEmpty();
    }

    @Test
    void leadsLiveThroughTheirExpiryDateAndOnlyExpiredImportsArePurged() {
        imported(fakes, "old", "P", 2, EXPIRES);
        imported(fakes, "later", "P", 1, AFTER);
        imported(fakes, "forever", "P", 1, null);
        fakes.leads.addCallback(new LeadRef("P", "old-000000001"), "cb", "2026-05-06T10:00");
        fakes.buffer.add("P", List.of("old-000000002", "forever-000000001"));

        PurgeResult onTheDay = purge.purge(EXPIRES);
        int leadsOnTheDay = fakes.leads.leads("P").size();
        PurgeResult dayAfter = purge.purge(AFTER);

        assertThat(onTheDay).isEqualTo(new PurgeResult(EXPIRES, true, false, 0, 0, 0));
        assertThat(leadsOnTheDay).isEqualTo(4);
        assertThat(dayAfter).isEqualTo(new PurgeResult(AFTER, true, false, 1, 2, 1));
        assertThat(fakes.leads.leads("P")).extracting(StoredLead::importId).containsExactly("forever", "later");
        assertThat(fakes.leads.callbacks("P")).isEmpty();
        assertThat(fakes.buffer.contents("P")).containsExactly("forever-000000001");
        assertThat(fakes.leads.findMatches(List.of("E#old1@example.com"), null)).isEmpty();
    }

    @Test
    void withoutADateItPurgesAsOfTodayInThePurgeZone() {
        // 00:30 on the day after the expiry in London, still the expiry date in UTC
        Instant justAfterLondonMidnight = EXPIRES.plusDays(1).atStartOfDay(FakeWorkflow.LONDON).toInstant().plusSeconds(1800);
        FakeWorkflow midnight = new FakeWorkflow(Clock.fixed(justAfterLondonMidnight, ZoneOffset.UTC), 2, 10);
        imported(midnight, "imp1", "P", 3, EXPIRES);

        PurgeResult result = midnight.workflow.purgeExpiredImports().purge(null);

        assertThat(result).isEqualTo(new PurgeResult(AFTER, true, false, 1, 3, 0));
        assertThat(midnight.leads.leads("P")).isEmpty();
    }

    @Test
    void anExactMultipleOfTheBudgetNeedsOneMoreInvocationToMarkTheImportPurged() {
        imported(fakes, "imp1", "P", 10, EXPIRES);

        PurgeResult first = purge.purge(AFTER);
        PurgeResult second = purge.purge(AFTER);

        assertThat(first).isEqualTo(new PurgeResult(AFTER, false, false, 0, 10, 0));
        assertThat(fakes.leads.leads("P")).isEmpty();
        assertThat(second).isEqualTo(new PurgeResult(AFTER, true, false, 1, 0, 0));
    }

    @Test
    void anImportStillRunningAtMidnightLeavesNoLeadBehindOnceItsPurgeIsDone() {
        fakes.running("imp1", request("P", ""), 2, 4, EXPIRES);
        fakes.leads.write(List.of(new StoredLead("imp1-000000001", "P", "imp1", lead(1, "A", null, "a@x.com"), null, EXPIRES, 0)));

        purge.purge(AFTER);
        // the import's second chunk is written after the midnight purge ran
        fakes.leads.write(List.of(new StoredLead("imp1-000000003", "P", "imp1", lead(3, "C", null, "c@x.com"), null, EXPIRES, 0)));
        fakes.imports.completed("imp1", new ImportResult(2, 2, 0, Map.of(), 0, null));
        purge.purge(AFTER.plusDays(1));

        assertThat(fakes.leads.leads("P")).as("leads of an import that expired " + EXPIRES).isEmpty();
    }
}
