package com.leadimport.domain.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.request.Dedupe.Action;
import com.leadimport.domain.row.Reason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupeDecisionTest {

    private static final List<String> KEYS = List.of("P#+447400000001", "E#ann@example.com");
    private static final ExistingLead OLD = new ExistingLead("imp1-7", "April Promo", "P#+447400000001");
    private static final ExistingLead OLDER = new ExistingLead("imp0-2", "May Promo", "E#ann@example.com");
    private static final Map<String, List<ExistingLead>> MATCHES = Map.of(
            "P#+447400000001", List.of(OLD), "E#ann@example.com", List.of(OLDER, OLD));

    @Test
    void noMatchImports() {
        assertThat(DedupeDecision.decide(Action.KEEP_EXISTING, KEYS, Map.of())).isEqualTo(DedupeDecision.IMPORT);
    }

    @Test
    void keepExistingRejectsTheRowNamingTheMatch() {
        DedupeDecision decision = DedupeDecision.decide(Action.KEEP_EXISTING, KEYS, MATCHES);

        assertThat(decision.importLead()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(decision.message()).isEqualTo("duplicate of existing lead imp1-7 on list 'April Promo' (phone +447400000001)");
        assertThat(decision.replace()).isEmpty();
    }

    @Test
    void keepNewImportsAndReplacesEachMatchOnce() {
        DedupeDecision decision = DedupeDecision.decide(Action.KEEP_NEW, KEYS, MATCHES);

        assertThat(decision.importLead()).isTrue();
        assertThat(decision.replace()).containsExactly(OLD, OLDER);
    }

    @Test
    void resetOlderResetsEveryMatchAndDoesNotImport() {
        DedupeDecision decision = DedupeDecision.decide(Action.RESET_OLDER, KEYS, MATCHES);

        assertThat(decision.importLead()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.RESET_EXISTING);
        assertThat(decision.reset()).containsExactly(OLD, OLDER);
        assertThat(decision.message()).endsWith("and 1 more");
    }
}
