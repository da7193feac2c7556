package com.leadimport.workflow;

import com.leadimport.domain.row.RowOutcome;
import java.util.List;

/** The rejected-rows CSV of an import. Wired to the domain's CSV writer (being written). */
final class RejectedRowsFile {

    private RejectedRowsFile() {
    }

    static byte[] encode(List<String> headers, List<RowOutcome.Rejected> rows) {
        throw new UnsupportedOperationException("being written: the domain CSV writer lands with the CSV package");
    }
}
