package com.leadimport.domain.row;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.LeadField;
import java.util.Map;

/**
 * A lead ready to store. {@code fields} holds the mapped text fields (email and skill group
 * included, phones not); {@code phones} the numbers that survived formatting and DNC, by slot.
 * {@code timeZone} restricts when the lead is called: the import's static zone, or null (no
 * restriction) when Static time zone is No. {@code numberTimeZone} is information only: the
 * zone the first number is dialled in, when one zone (or zones with the same rules) covers it.
 */
public record Lead(long rowNumber, Map<LeadField, String> fields, Map<LeadField, FormattedPhone> phones,
                   String callInfo, String timeZone, String numberTimeZone, Map<String, String> secondary) {

    public String email() {
        return fields.get(LeadField.EMAIL);
    }

    public boolean hasContact() {
        return !phones.isEmpty() || email() != null;
    }
}
