package com.leadimport.domain.row;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.LeadField;
import java.util.List;
import java.util.Map;

/**
 * A row that passed the checks that need no lookups; its phones are formatted but not yet
 * screened against DNC. {@code phoneValuePresent}: the row had a phone value, valid or not.
 */
public record Candidate(long rowNumber, List<String> cells, Map<LeadField, String> fields,
                        Map<LeadField, FormattedPhone> phones, boolean phoneValuePresent, String callInfo,
                        Map<String, String> secondary) {
}
