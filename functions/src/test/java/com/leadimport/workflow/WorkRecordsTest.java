package com.leadimport.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.domain.row.Reason;
import com.leadimport.domain.row.RowOutcome;
import com.leadimport.ports.LeadStore.LeadRef;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The screened chunk and chunk result work files: what is written comes back. */
class WorkRecordsTest {

    @Test
    void aScreenedChunkComesBackWithItsRejectionsWithoutCellsAndItsDncNumbers() {
        List<RowOutcome.Rejected> rejected = List.of(
                new RowOutcome.Rejected(3, Reason.DNC, "every phone number is on a checked DNC category", List.of("Ann", "")),
                new RowOutcome.Rejected(300_001, Reason.INVALID_PHONE, "no valid phone number: Phone 1 'Zoë 1'", null),
                new RowOutcome.Rejected(4, Reason.DNC, "every phone number is on a checked DNC category", null));
        ScreenedChunk chunk = new ScreenedChunk(rejected, Set.of("+447412345001", "+12025550123"));

        ScreenedChunk back = ScreenedChunk.decode(chunk.encode());

        assertThat(back.rejected()).containsExactly(
                new RowOutcome.Rejected(3, Reason.DNC, "every phone number is on a checked DNC category", null),
                new RowOutcome.Rejected(300_001, Reason.INVALID_PHONE, "no valid phone number: Phone 1 'Zoë 1'", null),
                new RowOutcome.Rejected(4, Reason.DNC, "every phone number is on a checked DNC category", null));
        assertThat(back.dncListed()).containsExactlyInAnyOrder("+447412345001", "+12025550123");
        assertThat(ScreenedChunk.decode(new ScreenedChunk(List.of(), Set.of()).encode())).isEqualTo(new ScreenedChunk(List.of(), Set.of()));
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
        byte[] file = new ScreenedChunk(List.of(new RowOutcome.Rejected(3, Reason.NO_CONTACT, "no phone", null)), Set.of("+447412345001"))
                .encode().get(0);

        assertThatThrownBy(() -> ScreenedChunk.decode(List.of(Arrays.copyOf(file, file.length - 3))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a screened chunk file ends early");
        BinaryFile.Writer noDncList = new BinaryFile.Writer(16).writeInt(5).writeCount(0).writeStrings(null);
        assertThatThrownBy(() -> ScreenedChunk.decode(noDncList.parts()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no list of the numbers on DNC");
        assertThatThrownBy(() -> ChunkResult.decode(List.of("{\"chunk\":0}".getBytes())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a chunk result file has format version");
    }
}
