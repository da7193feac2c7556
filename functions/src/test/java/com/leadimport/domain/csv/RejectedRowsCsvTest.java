package com.leadimport.domain.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RejectedRowsCsvTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "=HYPERLINK(\"http://x\")|'=HYPERLINK(\"http://x\")",
            "=1+1|'=1+1",
            "@SUM(A1)|'@SUM(A1)",
            "+cmd|'+cmd",
            "+A1|'+A1",
            "+|'+",
            "-2+3|'-2+3",
            "-1-1|'-1-1",
            "-A1|'-A1",
            "-|'-",
            "~\tx~|~'\tx~",
            "~\r=1~|~'\r=1~",
            "+447412345678|+447412345678",
            "+44 7412 345678|+44 7412 345678",
            "+44 (0)7412-345678|+44 (0)7412-345678",
            "-5|-5",
            "-12.50|-12.50",
            "07412 345678|07412 345678",
            "Ann|Ann",
            "a=b|a=b"})
    void neutralisesFormulasButNotNumbers(String cell, String written) {
        assertThat(RejectedRowsCsv.neutralise(cell)).isEqualTo(written);
    }

    @Test
    void leavesEmptyCellsAlone() {
        assertThat(RejectedRowsCsv.neutralise("")).isEmpty();
        assertThat(RejectedRowsCsv.neutralise(null)).isNull();
    }

    @Test
    void writesOriginalCellsWithRowReasonAndMessage() {
        // GIVEN
        StringWriter out = new StringWriter();

        // WHEN
        try (RejectedRowsCsv csv = new RejectedRowsCsv(out, List.of("Name", "Phone"))) {
            csv.write(3, "INVALID_PHONE", "no valid phone number: phone1 '12'", List.of("Ann, Lee", "12"));
            csv.write(7, "DNC", "on the DNC list", List.of("Bob \"B\"", "+44 7412 345678"));
        }

        // THEN
        assertThat(out.toString()).isEqualTo("Name,Phone,Row,Reason,Message\r\n"
                + "\"Ann, Lee\",12,3,INVALID_PHONE,no valid phone number: phone1 '12'\r\n"
                + "\"Bob \"\"B\"\"\",+44 7412 345678,7,DNC,on the DNC list\r\n");
    }

    @Test
    void padsShortRowsSoRowStaysUnderItsHeaderAndKeepsLongRowsWhole() {
        StringWriter out = new StringWriter();

        try (RejectedRowsCsv csv = new RejectedRowsCsv(out, List.of("Name", "Phone", "Email"))) {
            csv.write(2, "MALFORMED_ROW", "row 2 has 1 cells, the header has 3", List.of("=1+1"));
            csv.write(5, "MALFORMED_ROW", "row 5 has 4 cells, the header has 3", List.of("Lee", "Ann", "07412 345678", "a@b.c"));
        }

        LeadCsvReader reader = reread(out.toString());
        assertThat(reader.headers()).containsExactly("Name", "Phone", "Email", "Row", "Reason", "Message");
        assertThat(reader.next()).isEqualTo(new CsvRow(2,
                List.of("'=1+1", "", "", "2", "MALFORMED_ROW", "row 2 has 1 cells, the header has 3"), null));
        assertThat(reader.next()).isEqualTo(new CsvRow(3,
                List.of("Lee", "Ann", "07412 345678", "a@b.c", "5", "MALFORMED_ROW", "row 5 has 4 cells, the header has 3"),
                "row 3 has 7 cells, the header has 6"));
        assertThat(reader.next()).isNull();
    }

    @Test
    void reImportsAsUtf8WithMultiLineCellsIntact() {
        // GIVEN rows read from a Windows-1252 file, written as the caller does (UTF-8 bytes)
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RejectedRowsCsv csv = new RejectedRowsCsv(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), List.of("Name", "Notes"))) {
            csv.write(4, "NO_PHONE", "no phone number", List.of("René", "owes £5\r\n\u201csoon\u201d"));
        }

        // WHEN
        LeadCsvReader reader = LeadCsvReader.open("rejected.csv", bytes.size(), new ByteArrayInputStream(bytes.toByteArray()));

        // THEN
        assertThat(reader.next().cells()).containsExactly("René", "owes £5\r\n\u201csoon\u201d", "4", "NO_PHONE", "no phone number");
        assertThat(reader.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void aRejectedFileRejectedAgainKeepsTheSameColumns() {
        // GIVEN the rejected-rows file of a first import, imported again
        StringWriter first = new StringWriter();
        try (RejectedRowsCsv csv = new RejectedRowsCsv(first, List.of("Name", "Phone"))) {
            csv.write(3, "INVALID_PHONE", "no valid phone number", List.of("Ann", "12"));
        }
        LeadCsvReader reimport = reread(first.toString());
        CsvRow row = reimport.next();

        // WHEN the row is rejected again
        StringWriter second = new StringWriter();
        try (RejectedRowsCsv csv = new RejectedRowsCsv(second, reimport.headers())) {
            csv.write(row.rowNumber(), "DNC", "on the DNC list", row.cells());
        }

        // THEN the earlier Row/Reason/Message are replaced, not repeated
        LeadCsvReader third = reread(second.toString());
        assertThat(third.headers()).containsExactly("Name", "Phone", "Row", "Reason", "Message");
        assertThat(third.next()).isEqualTo(new CsvRow(2, List.of("Ann", "12", "2", "DNC", "on the DNC list"), null));
    }

    @Test
    void namesItsColumnsApartFromASuppliersOwnReasonColumn() {
        StringWriter out = new StringWriter();

        try (RejectedRowsCsv csv = new RejectedRowsCsv(out, List.of("Name", "reason", "Rejected Reason"))) {
            csv.write(1, "DNC", "on the DNC list", List.of("Ann", "moved", "x"));
        }

        LeadCsvReader reader = reread(out.toString());
        assertThat(reader.headers())
                .containsExactly("Name", "reason", "Rejected Reason", "Rejected Row", "Rejected Reason 2", "Rejected Message");
        assertThat(reader.next().cells()).containsExactly("Ann", "moved", "x", "1", "DNC", "on the DNC list");
    }

    @Test
    void streamsRowsAsTheyAreWritten() {
        StringWriter out = new StringWriter();
        RejectedRowsCsv csv = new RejectedRowsCsv(out, List.of("Name"));
        List<String> seen = new ArrayList<>();

        csv.write(1, "DNC", "a", List.of("Ann"));
        csv.flush();
        seen.add(out.toString());
        csv.write(2, "DNC", "b", List.of("Bob"));
        csv.close();

        assertThat(seen).containsExactly("Name,Row,Reason,Message\r\nAnn,1,DNC,a\r\n");
        assertThat(out.toString()).endsWith("Bob,2,DNC,b\r\n");
    }

    @Test
    void printsEveryLineAsCommonsCsvsRfc4180PrinterDoes() throws Exception {
        // GIVEN cells made of the characters that decide quoting (delimiter, quote, CR, LF, spaces, the
        // characters up to '#' that start a quoted cell, formula starts), empty and absent cells
        String alphabet = ",\"\r\n \t!#$'=+-@aZ09;é日";
        java.util.Random random = new java.util.Random(20261205);
        List<String> headers = List.of("Name", " Phone", "#Notes", "");
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < 5_000; r++) {
            List<String> cells = new ArrayList<>();
            for (int c = random.nextInt(6); c > 0; c--) {
                int length = random.nextInt(5);
                StringBuilder cell = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    cell.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                cells.add(random.nextInt(40) == 0 ? null : cell.toString());
            }
            rows.add(cells);
        }

        // WHEN
        StringWriter ours = new StringWriter();
        try (RejectedRowsCsv csv = new RejectedRowsCsv(ours, headers)) {
            for (int r = 0; r < rows.size(); r++) {
                csv.write(r + 2, "INVALID_PHONE", rows.get(r).isEmpty() ? "" : "Phone 1 '" + rows.get(r).get(0) + "'", rows.get(r));
            }
        }

        // THEN the same bytes as Commons CSV prints for the same cells
        StringWriter theirs = new StringWriter();
        try (org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(theirs,
                org.apache.commons.csv.CSVFormat.RFC4180)) {
            List<String> header = new ArrayList<>(headers.stream().map(RejectedRowsCsv::neutralise).toList());
            header.addAll(RejectedRowsCsv.EXTRA_HEADERS);
            printer.printRecord(header);
            for (int r = 0; r < rows.size(); r++) {
                List<String> record = new ArrayList<>(rows.get(r).stream().map(RejectedRowsCsv::neutralise).toList());
                while (record.size() < headers.size()) {
                    record.add("");
                }
                record.add(Integer.toString(r + 2));
                record.add("INVALID_PHONE");
                record.add(RejectedRowsCsv.neutralise(rows.get(r).isEmpty() ? "" : "Phone 1 '" + rows.get(r).get(0) + "'"));
                printer.printRecord(record);
            }
        }
        assertThat(ours.toString()).isEqualTo(theirs.toString());
    }

    private static LeadCsvReader reread(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return LeadCsvReader.open("rejected.csv", bytes.length, new ByteArrayInputStream(bytes));
    }
}
