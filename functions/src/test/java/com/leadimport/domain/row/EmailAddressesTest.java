package com.leadimport.domain.row;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ann@example.com", "ann.lee+promo@mail.example.co.uk", "a_b-c@sub-domain.example.org",
            "O'Brien@example.ie", "x@xn--bcher-kva.example"})
    void acceptsRealAddresses(String email) {
        assertThat(EmailAddresses.isValid(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "ann@", "@example.com", "ann@example", "ann@@example.com", "ann lee@example.com",
            "ann..lee@example.com", ".ann@example.com", "ann@-example.com", "ann@example..com", "ann@example.c",
            "ann@example.com.", "ann@exa_mple.com", "ann@example.123"})
    void refusesBrokenAddresses(String email) {
        assertThat(EmailAddresses.isValid(email)).isFalse();
    }
}
