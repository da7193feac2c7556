package com.leadimport.domain.row;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.LeadField;
import java.util.Map;

/**
 * A lead ready to store. {@code fields} holds the mapped text fields (email and skill group
 * included, phones not); {@code phones} the numbers that survived formatting and DNC, by slot.
 */
public record Lead(long rowNumber, Map<LeadField, String> fields, Map<LeadField, FormattedPhone> phones,
                   String callInfo, String timeZone, Map<String, String> secondary) {

    public String email() {
        return fields.get(LeadField.EMAIL);
    }

    public boolean hasContact() {
        return !phones.isEmpty() || email() != null;
    }
}
