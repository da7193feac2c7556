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

    /** The row a lead id names (the digits after its last dash), or -1 when they are not all digits. */
    public static long rowOf(String leadId) {
        int from = leadId.lastIndexOf('-') + 1;
        if (from == 0 || from == leadId.length() || leadId.length() - from > 18) {
            return -1;
        }
        long row = 0;
        for (int i = from; i < leadId.length(); i++) {
            char c = leadId.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            row = row * 10 + (c - '0');
        }
        return row;
    }

    /** Whether this lead's id names its import and row, so both can be read back from the id alone. */
    public boolean idNamesImportAndRow() {
        return leadId.startsWith(importId) && leadId.lastIndexOf('-') == importId.length() && rowOf(leadId) == lead.rowNumber();
    }
}
