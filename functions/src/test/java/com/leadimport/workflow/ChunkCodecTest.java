package com.leadimport.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.domain.csv.CsvRow;
import java.util.Arrays;
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

        ChunkCodec.Chunk chunk = ChunkCodec.decode(ChunkCodec.encode(headers, rows));

        assertThat(chunk.headers()).isEqualTo(headers);
        assertThat(chunk.rows()).isEqualTo(rows);
    }

    @Test
    void aChunkLargerThanAPartIsWrittenInPartsAndReadBackAcrossThem() {
        List<CsvRow> rows = new java.util.ArrayList<>();
        for (int row = 2; row < 12_000; row++) {
            rows.add(new CsvRow(row, List.of("Zoë " + row, "0741234" + row, row % 7 == 0 ? "" : "Flat " + row), null));
        }

        List<byte[]> parts = ChunkCodec.encode(List.of("Name", "Phone", "Address"), rows);

        assertThat(parts).hasSizeGreaterThan(1)
                .allSatisfy(part -> assertThat(part.length).isLessThanOrEqualTo(com.leadimport.ports.FileStore.PART_BYTES));
        assertThat(ChunkCodec.decode(parts).rows()).isEqualTo(rows);
    }

    @Test
    void anEmptyChunkKeepsItsHeaders() {
        ChunkCodec.Chunk chunk = ChunkCodec.decode(ChunkCodec.encode(List.of("Phone"), List.of()));

        assertThat(chunk.headers()).containsExactly("Phone");
        assertThat(chunk.rows()).isEmpty();
    }

    @Test
    void aChunkOfAnotherFormatIsRefused() {
        assertThatThrownBy(() -> ChunkCodec.decode(List.of("First Name,Phone\n".getBytes())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a chunk file has format version");
    }

    @Test
    void theHeadersAreReadAloneWithoutTheRows() {
        List<CsvRow> rows = List.of(
                new CsvRow(2, List.of("Ann", "07412345001"), null),
                new CsvRow(3, List.of("Bob", "x".repeat(5_000)), "row 3 has a control character"),
                new CsvRow(5, List.of("Cy", "日本"), null));
        List<byte[]> file = ChunkCodec.encode(List.of("Name", "Phone"), rows);

        assertThat(ChunkCodec.headers(file)).containsExactly("Name", "Phone");
    }

    @Test
    void aTruncatedChunkIsRefusedNamingTheFileNotMisread() {
        byte[] file = ChunkCodec.encode(List.of("Name"), List.of(new CsvRow(2, List.of("Ann"), null))).get(0);

        assertThatThrownBy(() -> ChunkCodec.decode(List.of(Arrays.copyOf(file, file.length - 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a chunk file ends early");
    }
}
