package com.leadimport.domain.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupeKeysTest {

    private static Lead lead(String email, FormattedPhone... phones) {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        if (email != null) {
            fields.put(LeadField.EMAIL, email);
        }
        Map<LeadField, FormattedPhone> byField = new EnumMap<>(LeadField.class);
        LeadField[] slots = {LeadField.PHONE1, LeadField.PHONE2, LeadField.PHONE3};
        for (int i = 0; i < phones.length; i++) {
            byField.put(slots[i], phones[i]);
        }
        return new Lead(2, fields, byField, null, null, null, Map.of());
    }

    private static final FormattedPhone MOBILE = new FormattedPhone("07412 345001", "+447412345001");
    private static final FormattedPhone LANDLINE = new FormattedPhone("0113 496 0001", "+441134960001");

    @Test
    void aPhoneOrAnEmailIsFingerprintedAsItsKeyIsWithoutTheKeyBeingMade() {
        for (FormattedPhone phone : java.util.List.of(MOBILE, LANDLINE, new FormattedPhone("07412 345", null),
                new FormattedPhone("+44 7412", null), new FormattedPhone("+", null),
                new FormattedPhone("x", "+12345678901234567"), new FormattedPhone("x", "+123456789012345678"))) {
            assertThat(DedupeKeys.phoneFingerprint(phone)).as(phone.key())
                    .isEqualTo(DedupeKeys.fingerprint(DedupeKeys.PHONE_PREFIX + phone.key()));
        }
        assertThat(DedupeKeys.phoneFingerprint(MOBILE)).isEqualTo(447412345001L | (1L << 62));
        assertThat(DedupeKeys.emailFingerprint("Ann@Example.COM")).isEqualTo(DedupeKeys.fingerprint("E#ann@example.com"));
    }

    @Test
    void phoneComparesEveryNumberByE164AndNotTheEmail() {
        assertThat(DedupeKeys.of(lead("Ann@Example.com", MOBILE, LANDLINE), Dedupe.On.PHONE))
                .containsExactly("P#+447412345001", "P#+441134960001");
    }

    @Test
    void emailComparesTheLowerCasedEmailOnly() {
        assertThat(DedupeKeys.of(lead("Ann@Example.com", MOBILE), Dedupe.On.EMAIL)).containsExactly("E#ann@example.com");
        assertThat(DedupeKeys.of(lead(null, MOBILE), Dedupe.On.EMAIL)).isEmpty();
    }

    @Test
    void bothComparesEitherAndANumberGivenTwiceIsOneKey() {
        assertThat(DedupeKeys.of(lead("ann@example.com", MOBILE, new FormattedPhone("+44 7412 345001", "+447412345001")), Dedupe.On.BOTH))
                .containsExactly("P#+447412345001", "E#ann@example.com");
        assertThat(DedupeKeys.all(lead("ann@example.com", MOBILE))).isEqualTo(DedupeKeys.of(lead("ann@example.com", MOBILE), Dedupe.On.BOTH));
    }

    @Test
    void aNumberWithoutE164IsKeyedByItsDisplayDigits() {
        assertThat(DedupeKeys.of(lead(null, new FormattedPhone("12345", null)), Dedupe.On.PHONE)).containsExactly("P#12345");
    }

    @Test
    void theKeysOfOneKindPickedFromAllAreTheKeysOfThatKind() {
        Lead lead = lead("Ann@Example.com", MOBILE, LANDLINE, new FormattedPhone("12345", null));
        for (Dedupe.On on : Dedupe.On.values()) {
            assertThat(DedupeKeys.on(DedupeKeys.all(lead), on)).as(on.name()).isEqualTo(DedupeKeys.of(lead, on));
        }
    }
}
