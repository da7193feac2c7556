package com.leadimport.imports;

import com.leadimport.domain.row.Reason;
import java.util.Map;

/** The counts of a finished import: imported + rejected = totalRows. */
public record ImportResult(long totalRows, long imported, long rejected, Map<Reason, Long> rejectedByReason,
                           long replacedExisting, String rejectedRowsKey) {
}
