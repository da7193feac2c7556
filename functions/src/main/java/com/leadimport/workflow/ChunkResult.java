package com.leadimport.workflow;

import com.leadimport.domain.row.RowOutcome;
import com.leadimport.ports.LeadStore.LeadRef;
import java.util.List;

/**
 * What became of every row of a chunk, decided once and written before anything is stored,
 * so a retried chunk replays the same decisions instead of deciding again against a store it
 * has already changed.
 */
public record ChunkResult(int chunk, List<Long> importedRows, List<RowOutcome.Rejected> rejected, List<LeadRef> replaced,
                          List<LeadRef> reset) {
}
