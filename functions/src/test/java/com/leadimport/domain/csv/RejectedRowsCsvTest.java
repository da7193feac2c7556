package com.leadimport.domain.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RejectedRowsCsvTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "=HYPERLINK(\"http://x\")|'=HYPERLINK(\"http://x\")",
            "@SUM(A1)|'@SUM(A1)",
            "+cmd|'+cmd",
            "-2+3|'-2+3",
            "+44 7412 345678|+44 7412 345678",
            "-5|-5",
            "+44 (0)7412-345678|+44 (0)7412-345678",
            "Ann|Ann"})
    void neutralisesFormulasButNotNumbers(String cell, String written) {
        assertThat(RejectedRowsCsv.neutralise(cell)).isEqualTo(written);
    }

    @Test
    void writesOriginalCellsWithRowReasonAndMessageAndReadsBackAsAnImport() {
        StringWriter out = new StringWriter();
        try (RejectedRowsCsv csv = new RejectedRowsCsv(out, List.of("Name", "Phone"))) {
            csv.write(3, "INVALID_PHONE", "no valid phone number: phone1 '12'", List.of("Ann, Lee", "12"));
            csv.write(9, "MALFORMED_ROW", "row 9 has 1 cells, the header has 2", List.of("=1+1"));
        }

        LeadCsvReader reader = LeadCsvReader.open("rejected.csv", out.toString().length(),
                new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(reader.headers()).containsExactly("Name", "Phone", "Row", "Reason", "Message");
        assertThat(reader.next().cells()).containsExactly("Ann, Lee", "12", "3", "INVALID_PHONE", "no valid phone number: phone1 '12'");
        assertThat(reader.next().cells()).containsExactly("'=1+1", "9", "MALFORMED_ROW", "row 9 has 1 cells, the header has 2");
    }
}
