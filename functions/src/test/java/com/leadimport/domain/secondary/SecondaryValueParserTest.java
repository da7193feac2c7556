package com.leadimport.domain.secondary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.domain.phone.PhoneFormatter;
import com.leadimport.domain.request.FieldType;
import com.leadimport.domain.request.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecondaryValueParserTest {

    private final SecondaryValueParser parser =
            new SecondaryValueParser(PhoneFormatter.forSettings(Format.preset(Format.FormatPreset.DEFAULT_UK), ""));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TEXT|  Gold plan |  Gold plan ",
            "WHOLE_NUMBER|1,204|1204",
            "WHOLE_NUMBER|-7|-7",
            "DECIMAL|12.50|12.50",
            "DECIMAL|1,000.5|1000.5",
            "DATE|31/05/2026|2026-05-31",
            "DATE|1/5/2026|2026-05-01",
            "TIME|09:30|09:30",
            "TIME|9:05|09:05",
            "DATE_TIME|31/05/2026 17:45:00|2026-05-31T17:45",
            "BOOLEAN|Yes|true",
            "BOOLEAN|n|false",
            "BOOLEAN|1|true",
            "PHONE|07412 345123|07412345123"})
    void parsesEachTypeToItsCanonicalText(FieldType type, String text, String expected) {
        assertThat(parser.parse(type, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "WHOLE_NUMBER|1.5|'1.5' is not a whole number",
            "DECIMAL|about 3|'about 3' is not a decimal number",
            "DATE|2026-05-31|'2026-05-31' is not a date dd/mm/yyyy",
            "DATE|29/02/2027|'29/02/2027' is not a date dd/mm/yyyy",
            "TIME|25:00|'25:00' is not a time hh:mm",
            "DATE_TIME|31/05/2026|'31/05/2026' is not a date and time dd/mm/yyyy hh:mm:ss",
            "BOOLEAN|maybe|'maybe' is not true or false (true/false, yes/no, y/n, 1/0)",
            "PHONE|12|'12' is not a valid phone number"})
    void refusesValuesThatAreNotTheirType(FieldType type, String text, String message) {
        assertThatThrownBy(() -> parser.parse(type, text)).isInstanceOf(SecondaryValueParser.InvalidValueException.class)
                .hasMessage(message);
    }

    @Test
    void keepsTextAsWritten() {
        assertThat(parser.parse(FieldType.TEXT, "  a, b ")).isEqualTo("  a, b ");
    }
}
