package com.leadimport.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.domain.csv.CsvRow;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {

    @Test
    void rowsComeBackExactlyWithTheirNumbersErrorsAndAwkwardCells() {
        String longCell = "x".repeat(70_000) + "é";
        List<String> headers = List.of("First Name", "Notes, \"quoted\"", "Ünïcode");
        List<CsvRow> rows = List.of(
                new CsvRow(2, List.of("Ann", "line one\r\nline two", "日本"), null),
                new CsvRow(3, List.of("", "", ""), null),
                new CsvRow(7, List.of("Bob", "a,b", "\"q\""), "row 7 has 4 cells, the header has 3"),
                new CsvRow(9, List.of(longCell), null));

        ChunkCodec.Chunk chunk = ChunkCodec.decode(new ByteArrayInputStream(ChunkCodec.encode(headers, rows)));

        assertThat(chunk.headers()).isEqualTo(headers);
        assertThat(chunk.rows()).isEqualTo(rows);
    }

    @Test
    void anEmptyChunkKeepsItsHeaders() {
        ChunkCodec.Chunk chunk = ChunkCodec.decode(new ByteArrayInputStream(ChunkCodec.encode(List.of("Phone"), List.of())));

        assertThat(chunk.headers()).containsExactly("Phone");
        assertThat(chunk.rows()).isEmpty();
    }

    @Test
    void aChunkOfAnotherFormatIsRefused() {
        assertThatThrownBy(() -> ChunkCodec.decode(new ByteArrayInputStream("First Name,Phone\n".getBytes())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chunk format version");
    }
}
