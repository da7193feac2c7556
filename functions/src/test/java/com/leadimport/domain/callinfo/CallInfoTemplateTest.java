package com.leadimport.domain.callinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallInfoTemplateTest {

    private static final List<String> HEADERS = List.of("First Name", "Last Name", "Account Ref", "Tariff");

    @Test
    void rendersHeadersIntoTheText() {
        CallInfoTemplate template = CallInfoTemplate.compile("Name: {First Name} {Last Name}\nRef: {Account Ref}", HEADERS);

        assertThat(template.render(List.of("Ann", "Lee", "A-17", "Gold"))).isEqualTo("Name: Ann Lee\nRef: A-17");
    }

    @Test
    void anyHeaderMayBeUsedMappedOrNot() {
        assertThat(CallInfoTemplate.compile("Tariff — {Tariff}", HEADERS).render(List.of("a", "b", "c", "Gold")))
                .isEqualTo("Tariff — Gold");
    }

    @Test
    void bracesThatNameNoPlaceholderStayLiteral() {
        CallInfoTemplate template = CallInfoTemplate.compile("{} {First Name} {unclosed", HEADERS);

        assertThat(template.render(List.of("Ann", "", "", ""))).isEqualTo("{} Ann {unclosed");
    }

    @Test
    void unknownPlaceholdersAreNamed() {
        assertThat(CallInfoTemplate.unknownPlaceholders("{First Name} {Surname} {Surname} {Ref}", HEADERS))
                .containsExactly("Surname", "Ref");
        assertThatThrownBy(() -> CallInfoTemplate.compile("{Surname}", HEADERS))
                .hasMessage("{Surname} is not a header of the file");
    }

    @Test
    void emptyCellsRenderAsNothing() {
        assertThat(CallInfoTemplate.compile("[{Tariff}]", HEADERS).render(List.of("a", "b", "c", ""))).isEqualTo("[]");
    }

    @Test
    void placeholdersFindHeadersIgnoringCaseAndSpaces() {
        assertThat(CallInfoTemplate.compile("{ tariff }/{TARIFF}", HEADERS).render(List.of("a", "b", "c", "Gold")))
                .isEqualTo("Gold/Gold");
        assertThat(CallInfoTemplate.unknownPlaceholders("{tariff} {Tarif}", HEADERS)).containsExactly("Tarif");
    }
}
