package com.leadimport.workflow;

import com.leadimport.domain.row.Reason;
import java.util.Map;

/** The summary the CLI prints and the workflow ends with (CONTRACT.md). */
public record ImportSummary(String importId, String status, long totalRows, long imported, long rejected,
                            Map<Reason, Long> rejectedByReason, long replacedExisting, String rejectedRowsFile,
                            String error) {
}
