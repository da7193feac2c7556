package com.leadimport.domain.row;

import java.util.List;

/** What became of one data row: imported as a lead, or rejected with exactly one reason. */
public sealed interface RowOutcome {

    long rowNumber();

    record Imported(Lead lead) implements RowOutcome {
        @Override
        public long rowNumber() {
            return lead.rowNumber();
        }
    }

    /** {@code cells} are the row's original cells, so the rejected-rows file can be fixed and re-imported. */
    record Rejected(long rowNumber, Reason reason, String message, List<String> cells) implements RowOutcome {
    }
}
