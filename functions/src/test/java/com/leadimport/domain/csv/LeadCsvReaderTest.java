package com.leadimport.domain.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadCsvReaderTest {

    private static LeadCsvReader open(String name, byte[] bytes) {
        return LeadCsvReader.open(name, bytes.length, new ByteArrayInputStream(bytes));
    }

    private static LeadCsvReader open(String text) {
        return open("leads.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CsvRow> rows(LeadCsvReader reader) {
        List<CsvRow> rows = new ArrayList<>();
        for (CsvRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void readsHeadersAndRowsWithTheirNumbers() {
        LeadCsvReader reader = open(" Name ,Phone\r\nAnn,07412 345678\r\nBob,07412 345679\r\n");

        assertThat(reader.headers()).containsExactly("Name", "Phone");
        assertThat(rows(reader)).containsExactly(
                new CsvRow(1, List.of("Ann", "07412 345678"), null),
                new CsvRow(2, List.of("Bob", "07412 345679"), null));
    }

    @Test
    void readsQuotedCommasNewlinesAndQuotes() {
        List<CsvRow> rows = rows(open("Name,Address,Notes\n\"Lee, Ann\",\"1 High St\nLeeds\",\"said \"\"hi\"\"\"\nBob,x,y"));

        assertThat(rows).containsExactly(
                new CsvRow(1, List.of("Lee, Ann", "1 High St\nLeeds", "said \"hi\""), null),
                new CsvRow(2, List.of("Bob", "x", "y"), null));
    }

    @Test
    void skipsBlankLinesWithoutCountingThem() {
        List<CsvRow> rows = rows(open("Name\nAnn\n\n\r\nBob\n"));

        assertThat(rows).extracting(CsvRow::rowNumber, r -> r.cells().get(0)).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, "Ann"), org.assertj.core.groups.Tuple.tuple(2L, "Bob"));
    }

    @Test
    void raggedRowsAreMalformedAndTheRestIsRead() {
        List<CsvRow> rows = rows(open("A,B,C\n1,2,3\n1,2\n1,2,3,4\n7,8,9\n"));

        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).error()).isEqualTo("row 2 has 2 cells, the header has 3");
        assertThat(rows.get(1).cells()).containsExactly("1", "2");
        assertThat(rows.get(2).error()).isEqualTo("row 3 has 4 cells, the header has 3");
        assertThat(rows.get(3)).isEqualTo(new CsvRow(4, List.of("7", "8", "9"), null));
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        List<CsvRow> rows = rows(open("A,B\n\"x\"y,2\n3,4\n"));

        assertThat(rows.get(0).error()).isEqualTo("row 1 (line 2): text after a closing quote in column 1");
        assertThat(rows.get(1)).isEqualTo(new CsvRow(2, List.of("3", "4"), null));
    }

    @Test
    void anUnterminatedQuoteCostsOneRowNotTheFile() {
        StringBuilder text = new StringBuilder("Name,Phone\nAnn,07412 345678\n\"Bob,07412 345679\n");
        for (int i = 0; i < 150; i++) {
            text.append("Row").append(i).append(",07412 3").append(String.format("%05d", i)).append('\n');
        }

        List<CsvRow> rows = rows(open(text.toString()));

        assertThat(rows).hasSize(152);
        assertThat(rows.get(1).error()).isEqualTo("row 2 (line 3): a quote opened in this row is never closed");
        assertThat(rows.get(1).cells()).containsExactly("\"Bob", "07412 345679");
        assertThat(rows.get(2)).isEqualTo(new CsvRow(3, List.of("Row0", "07412 300000"), null));
        assertThat(rows.get(151)).isEqualTo(new CsvRow(152, List.of("Row149", "07412 300149"), null));
    }

    @Test
    void anUnterminatedQuoteAtTheEndIsMalformed() {
        List<CsvRow> rows = rows(open("A,B\n1,2\n\"3,4\n5,6"));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).malformed()).isTrue();
        assertThat(rows.get(2)).isEqualTo(new CsvRow(3, List.of("5", "6"), null));
    }

    @Test
    void stripsAUtf8ByteOrderMark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "Name,Town\nZoë,Montréal\n".getBytes(StandardCharsets.UTF_8);
        LeadCsvReader reader = open("leads.csv", concat(bom, body));

        assertThat(reader.headers()).containsExactly("Name", "Town");
        assertThat(rows(reader).get(0).cells()).containsExactly("Zoë", "Montréal");
        assertThat(reader.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void readsWindows1252AsExcelWritesIt() {
        byte[] bytes = "Name,Note,Price\nRené,\u201cbest\u201d deal,£5\n".getBytes(TextDecoder.WINDOWS_1252);

        LeadCsvReader reader = open("leads.csv", bytes);

        assertThat(rows(reader).get(0).cells()).containsExactly("René", "\u201cbest\u201d deal", "£5");
        assertThat(reader.charset()).isEqualTo(TextDecoder.WINDOWS_1252);
    }

    @Test
    void refusesAFileMixingUtf8AndOtherBytes() {
        byte[] bytes = concat("Name\nZoë\n".getBytes(StandardCharsets.UTF_8), new byte[] {'R', 'e', 'n', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> rows(open("leads.csv", bytes))).isInstanceOf(FileRefusedException.class)
                .hasMessage("The file is not valid UTF-8 at byte 14 but has UTF-8 characters before it: save it again as \"CSV UTF-8\"");
    }

    @Test
    void refusesOtherExtensions() {
        assertThatThrownBy(() -> open("leads.xlsx", "A\n1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FileRefusedException.class).hasMessage("The file must be a .csv file (got 'leads.xlsx')");
    }

    @Test
    void acceptsAnUpperCaseExtension() {
        assertThat(open("LEADS.CSV", "A\n1".getBytes(StandardCharsets.UTF_8)).headers()).containsExactly("A");
    }

    @Test
    void refusesFilesOverFiftyMegabytes() {
        assertThatThrownBy(() -> LeadCsvReader.open("big.csv", LeadCsvReader.MAX_BYTES + 1, InputStream.nullInputStream()))
                .isInstanceOf(FileRefusedException.class).hasMessage("The file is 52,428,801 bytes; the limit is 50 MB (52,428,800 bytes)");
    }

    @Test
    void refusesAFileLargerThanItsDeclaredSizeWhileStreaming() {
        InputStream endless = new InputStream() {
            private long n;

            @Override
            public int read() {
                n++;
                return n == 1 ? 'A' : n % 2 == 0 ? '\n' : '1';
            }
        };
        LeadCsvReader reader = LeadCsvReader.open("lies.csv", 10, endless);

        assertThatThrownBy(() -> {
            while (reader.next() != null) {
                // reads until the limit trips
            }
        }).isInstanceOf(FileRefusedException.class).hasMessage("The file is larger than the 50 MB limit");
    }

    @Test
    void refusesEmptyAndHeaderlessFiles() {
        assertThatThrownBy(() -> LeadCsvReader.open("e.csv", 0, InputStream.nullInputStream())).hasMessage("The file is empty");
        assertThatThrownBy(() -> open("e.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})).hasMessage("The file is empty");
        assertThatThrownBy(() -> open("\nAnn,1\n")).hasMessage("The file has no header row: its first line is empty");
    }

    @Test
    void refusesBlankAndDuplicateHeaders() {
        assertThatThrownBy(() -> open("Name,,Phone\n")).hasMessage("Column 2 of the header row has no name");
        assertThatThrownBy(() -> open("Name,Phone,phone ,Name\n"))
                .hasMessage("The header row repeats 'phone', 'Name': each column needs its own name");
    }

    @Test
    void refusesBinaryFiles() {
        byte[] xlsx = {'P', 'K', 3, 4, 0, 0, 0, 8};

        assertThatThrownBy(() -> open("leads.csv", xlsx)).isInstanceOf(FileRefusedException.class)
                .hasMessageContaining("The file is not text");
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
