package com.leadimport.domain.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.Dedupe.Action;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.Reason;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DedupeDecisionTest {

    /** The incoming row's lead: its mobile as formatted (+447400000001) and its email as written. */
    private static final Lead LEAD = new Lead(2, Map.of(LeadField.EMAIL, "Ann@Example.com"),
            Map.of(LeadField.PHONE1, new FormattedPhone("07400000001", "+447400000001")), null, null, null, Map.of());
    private static final ExistingLead OLD = new ExistingLead("imp1-7", "April Promo", "P#+447400000001");
    private static final ExistingLead OLDER = new ExistingLead("imp0-2", "May Promo", "E#ann@example.com");
    private static final Map<String, List<ExistingLead>> MATCHES = Map.of(
            "P#+447400000001", List.of(OLD), "E#ann@example.com", List.of(OLDER, OLD));
    private static final Function<ExistingLead, String> ORIGIN = lead -> lead == OLD ? " imported from april.csv on 3 Apr 2026" : "";

    @Test
    void noMatchImports() {
        assertThat(DedupeDecision.decide(Action.KEEP_EXISTING, LEAD, Dedupe.On.BOTH, Map.of(), ORIGIN)).isEqualTo(DedupeDecision.IMPORT);
    }

    @Test
    void keepExistingRejectsTheRowNamingTheMatchsListFileDateAndNumberNeverItsId() {
        DedupeDecision decision = DedupeDecision.decide(Action.KEEP_EXISTING, LEAD, Dedupe.On.BOTH, MATCHES, ORIGIN);

        assertThat(decision.importLead()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(decision.message()).isEqualTo("duplicate of a lead on list 'April Promo' imported from april.csv on 3 Apr 2026 with the same phone number 07400000001");
        assertThat(decision.message()).doesNotContain("imp1");
        assertThat(decision.replace()).isEmpty();
    }

    @Test
    void keepNewImportsAndReplacesEachMatchOnce() {
        DedupeDecision decision = DedupeDecision.decide(Action.KEEP_NEW, LEAD, Dedupe.On.BOTH, MATCHES, ORIGIN);

        assertThat(decision.importLead()).isTrue();
        assertThat(decision.replace()).containsExactly(OLD, OLDER);
    }

    @Test
    void resetOlderResetsEveryMatchAndDoesNotImport() {
        DedupeDecision decision = DedupeDecision.decide(Action.RESET_OLDER, LEAD, Dedupe.On.BOTH, MATCHES, ORIGIN);

        assertThat(decision.importLead()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.RESET_EXISTING);
        assertThat(decision.reset()).containsExactly(OLD, OLDER);
        assertThat(decision.message()).isEqualTo("call attempts reset on a lead on list 'April Promo' imported from april.csv"
                + " on 3 Apr 2026 with the same phone number 07400000001 and on 1 more lead");
    }
}
