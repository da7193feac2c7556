package com.leadimport.ports;

import com.leadimport.domain.row.Lead;
import java.time.LocalDate;

/** A lead as the lead store holds it: the domain lead plus where it lives and when it goes. */
public record StoredLead(String leadId, String list, String importId, Lead lead, String secondaryTable,
                         LocalDate expiresOn, int callAttempts) {

    /** Lead ids derive from the import and the row, so a retried chunk writes the same ids. */
    public static String leadId(String importId, long rowNumber) {
        String digits = Long.toString(rowNumber);
        return digits.length() >= 9 ? importId + "-" + digits : importId + "-" + "000000000".substring(digits.length()) + digits;
    }

    /** The import a lead id came from (ids are the import's id, a dash, the row). */
    public static String importIdOf(String leadId) {
        return leadId.substring(0, leadId.lastIndexOf('-'));
    }
}
