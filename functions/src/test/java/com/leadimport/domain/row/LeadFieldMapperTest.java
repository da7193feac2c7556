package com.leadimport.domain.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.domain.request.FieldMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadFieldMapperTest {

    private static final List<String> HEADERS = List.of("Address 1", "Address 2", "Address 3", "First Name");

    @Test
    void combinesColumnsWithTheSeparator() {
        LeadFieldMapper mapper = new LeadFieldMapper(new FieldMapping(List.of("Address 1", "Address 2", "Address 3"), ", "), HEADERS);

        assertThat(mapper.value(List.of("1 High St", "Flat 2", "Leeds", "Ann"))).isEqualTo("1 High St, Flat 2, Leeds");
    }

    @Test
    void skipsEmptyPartsSoNoSeparatorDangles() {
        LeadFieldMapper mapper = new LeadFieldMapper(new FieldMapping(List.of("Address 1", "Address 2", "Address 3"), ", "), HEADERS);

        assertThat(mapper.value(List.of("", "  ", "Leeds", "Ann"))).isEqualTo("Leeds");
        assertThat(mapper.value(List.of("1 High St", "", "Leeds", "Ann"))).isEqualTo("1 High St, Leeds");
        assertThat(mapper.value(List.of("", "", "", "Ann"))).isNull();
    }

    @Test
    void concatenatesDirectlyWithoutASeparator() {
        LeadFieldMapper mapper = new LeadFieldMapper(new FieldMapping(List.of("Address 1", "Address 2"), null), HEADERS);

        assertThat(mapper.value(List.of("AB1", "2CD", "", ""))).isEqualTo("AB12CD");
    }

    @Test
    void trimsASingleColumn() {
        LeadFieldMapper mapper = new LeadFieldMapper(new FieldMapping(List.of("First Name"), null), HEADERS);

        assertThat(mapper.value(List.of("", "", "", "  Ann "))).isEqualTo("Ann");
    }

    @Test
    void anUnknownHeaderIsNamed() {
        assertThatThrownBy(() -> new LeadFieldMapper(new FieldMapping(List.of("Town"), null), HEADERS))
                .hasMessage("'Town' is not a header of the file");
    }

    @Test
    void headersAreMatchedIgnoringCaseAndSpaces() {
        LeadFieldMapper mapper = new LeadFieldMapper(new FieldMapping(List.of(" first   NAME ", "address 2"), " "), HEADERS);

        assertThat(mapper.value(List.of("1 High St", "Flat 2", "Leeds", "Ann"))).isEqualTo("Ann Flat 2");
        assertThatThrownBy(() -> new LeadFieldMapper(new FieldMapping(List.of("FirstName"), null), HEADERS))
                .hasMessageContaining("'FirstName' is not a header");
    }
}
