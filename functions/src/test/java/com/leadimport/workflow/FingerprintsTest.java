package com.leadimport.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static Lead lead(long row, String email, FormattedPhone... phones) {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        if (email != null) {
            fields.put(LeadField.EMAIL, email);
        }
        Map<LeadField, FormattedPhone> byField = new EnumMap<>(LeadField.class);
        for (int i = 0; i < phones.length; i++) {
            byField.put(LeadField.PHONES.get(i), phones[i]);
        }
        return new Lead(row, fields, byField, null, null, null, Map.of());
    }

    private static FormattedPhone mobile(int n) {
        return new FormattedPhone("07412 345" + (100 + n), "+447412345" + (100 + n));
    }

    /** What a lead's entry must hold: DedupeKeys' keys, those compared first, each fingerprinted. */
    private static String expected(Lead lead, Dedupe.On on) {
        List<String> all = DedupeKeys.all(lead);
        List<String> compared = on == null ? List.of() : DedupeKeys.on(all, on);
        List<String> others = all.stream().filter(key -> !compared.contains(key)).toList();
        return lead.rowNumber() + " " + fingerprints(compared) + " " + fingerprints(others);
    }

    private static String fingerprints(List<String> keys) {
        return Arrays.toString(keys.stream().mapToLong(DedupeKeys::fingerprint).toArray());
    }

    @Test
    void eachLeadsKeysAreItsDedupeKeysComparedOnesFirstWhateverItHolds() {
        // GIVEN leads with a repeated number, a number with no E.164, no phone, no email, every phone slot filled
        List<Lead> leads = List.of(
                lead(2, "Ann@Example.com", mobile(1), mobile(2)),
                lead(3, null, mobile(3), mobile(3), new FormattedPhone("0113 496", null)),
                lead(4, "bob@example.com"),
                lead(5, null),
                lead(6, "cy@example.com", mobile(4), mobile(5), mobile(6)));

        for (Dedupe.On on : new Dedupe.On[] {null, Dedupe.On.PHONE, Dedupe.On.EMAIL, Dedupe.On.BOTH}) {
            // WHEN
            List<String> read = new ArrayList<>();
            Fingerprints.forEach(Fingerprints.encode(leads, on),
                    (row, compared, others) -> read.add(row + " " + Arrays.toString(compared) + " " + Arrays.toString(others)));

            // THEN
            List<String> wanted = leads.stream().map(lead -> expected(lead, on)).toList();
            assertThat(read).as("dedupe on " + on).isEqualTo(wanted);
        }
    }
}
