package com.leadimport.workflow;

import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.RowOutcome;
import java.util.List;

/** A chunk after the per-row checks and DNC: leads still in the running, and rows already rejected. */
public record ScreenedChunk(List<Lead> leads, List<RowOutcome.Rejected> rejected) {
}
