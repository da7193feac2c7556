package com.leadimport.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.Reason;
import com.leadimport.domain.row.RowOutcome;
import com.leadimport.ports.LeadStore.LeadRef;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The screened chunk and chunk result work files: what is written comes back exactly. */
class WorkRecordsTest {

    private static final Lead FULL = new Lead(7,
            Map.of(LeadField.FIRST_NAME, "Zoë", LeadField.EMAIL, "zoe@example.com", LeadField.SKILL_GROUP, "Sales, \"UK\""),
            Map.of(LeadField.PHONE1, new FormattedPhone("07412345001", "+447412345001"),
                    LeadField.PHONE2, new FormattedPhone("5551234", null)),
            "Zoë calls back\nafter 6", "Europe/London", null, secondarySorted());
    private static final Lead BARE = new Lead(9, Map.of(), Map.of(LeadField.PHONE1, new FormattedPhone("07412345002", "+447412345002")),
            null, null, null, Map.of());

    private static Map<String, String> secondarySorted() {
        Map<String, String> secondary = new LinkedHashMap<>();
        secondary.put("Policy", "P-1");
        secondary.put("Renewal", "");
        return secondary;
    }

    @Test
    void aScreenedChunkComesBackWithEveryFieldNullAndEmptyValue() {
        List<RowOutcome.Rejected> rejected = List.of(
                new RowOutcome.Rejected(3, Reason.DNC, "every phone number is on a checked DNC category", List.of("Ann", "")),
                new RowOutcome.Rejected(4, Reason.MALFORMED_ROW, "row 4 has 3 cells, the header has 2", null));
        ScreenedChunk chunk = new ScreenedChunk(List.of(FULL, BARE), rejected);

        ScreenedChunk back = ScreenedChunk.decode(chunk.encode());

        assertThat(back).isEqualTo(chunk);
        assertThat(back.leads().get(0).numberTimeZone()).isNull();
        assertThat(back.leads().get(0).secondary().keySet()).containsExactly("Policy", "Renewal");
        assertThat(ScreenedChunk.decode(new ScreenedChunk(List.of(), List.of()).encode()).leads()).isEmpty();
    }

    @Test
    void leadsPassedOverAreNotMadeYetTheLeadsAfterThemReadTheirNamesAndZones() {
        Lead another = new Lead(12, Map.of(LeadField.FIRST_NAME, "Ann", LeadField.EMAIL, "ann@example.com"),
                Map.of(LeadField.PHONE2, new FormattedPhone("5551234", null)), null, "Europe/London", null, Map.of("Policy", "P-2"));
        ScreenedChunk chunk = new ScreenedChunk(List.of(FULL, BARE, another), List.of());

        ScreenedChunk wanted = ScreenedChunk.decode(chunk.encode(), row -> row != 7);

        assertThat(wanted.leads()).containsExactly(BARE, another);
        assertThat(ScreenedChunk.decode(chunk.encode(), row -> false).leads()).isEmpty();
    }

    @Test
    void aChunkResultComesBackWithItsRowsRejectionsAndStoredLeads() {
        ChunkResult result = new ChunkResult(3, List.of(2L, 5L, 6L),
                List.of(new RowOutcome.Rejected(4, Reason.DUPLICATE, "duplicate of row 2 of this file", List.of("Ann", "07412345001"))),
                List.of(new LeadRef("Dest", "imp0-12")), List.of(new LeadRef("Other list", "imp0-13")));

        assertThat(ChunkResult.decode(result.encode())).isEqualTo(result);
        ChunkResult empty = new ChunkResult(0, List.of(), List.of(), List.of(), List.of());
        assertThat(ChunkResult.decode(empty.encode())).isEqualTo(empty);
    }

    @Test
    void aCutOrForeignFileIsRefusedNamingIt() {
        byte[] file = new ScreenedChunk(List.of(FULL), List.of()).encode().get(0);

        assertThatThrownBy(() -> ScreenedChunk.decode(List.of(Arrays.copyOf(file, file.length - 3))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a screened chunk file ends early");
        assertThatThrownBy(() -> ChunkResult.decode(List.of("{\"chunk\":0}".getBytes())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a chunk result file has format version");
    }
}
