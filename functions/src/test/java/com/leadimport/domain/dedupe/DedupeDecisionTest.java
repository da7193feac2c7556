package com.leadimport.domain.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.request.Dedupe.Action;
import com.leadimport.domain.row.Reason;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DedupeDecisionTest {

    private static final List<String> KEYS = List.of("P#+447400000001", "E#ann@example.com");
    private static final ExistingLead OLD = new ExistingLead("imp1-7", "April Promo", "P#+447400000001");
    private static final ExistingLead OLDER = new ExistingLead("imp0-2", "May Promo", "E#ann@example.com");
    private static final Map<String, List<ExistingLead>> MATCHES = Map.of(
            "P#+447400000001", List.of(OLD), "E#ann@example.com", List.of(OLDER, OLD));
    private static final Function<ExistingLead, String> ORIGIN = lead -> lead == OLD ? " imported from april.csv on 3 Apr 2026" : "";

    @Test
    void noMatchImports() {
        assertThat(DedupeDecision.decide(Action.KEEP_EXISTING, KEYS, Map.of(), ORIGIN)).isEqualTo(DedupeDecision.IMPORT);
    }

    @Test
    void keepExistingRejectsTheRowNamingTheMatchsListFileDateAndNumberNeverItsId() {
        DedupeDecision decision = DedupeDecision.decide(Action.KEEP_EXISTING, KEYS, MATCHES, ORIGIN);

        assertThat(decision.importLead()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(decision.message()).isEqualTo("duplicate of a lead on list 'April Promo' imported from april.csv on 3 Apr 2026 with the same phone number +447400000001");
        assertThat(decision.message()).doesNotContain("imp1");
        assertThat(decision.replace()).isEmpty();
    }

    @Test
    void keepNewImportsAndReplacesEachMatchOnce() {
        DedupeDecision decision = DedupeDecision.decide(Action.KEEP_NEW, KEYS, MATCHES, ORIGIN);

        assertThat(decision.importLead()).isTrue();
        assertThat(decision.replace()).containsExactly(OLD, OLDER);
    }

    @Test
    void resetOlderResetsEveryMatchAndDoesNotImport() {
        DedupeDecision decision = DedupeDecision.decide(Action.RESET_OLDER, KEYS, MATCHES, ORIGIN);

        assertThat(decision.importLead()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.RESET_EXISTING);
        assertThat(decision.reset()).containsExactly(OLD, OLDER);
        assertThat(decision.message()).isEqualTo("call attempts reset on a lead on list 'April Promo' imported from april.csv"
                + " on 3 Apr 2026 with the same phone number +447400000001 and on 1 more lead");
    }
}
