package com.leadimport.domain.csv;

import java.util.List;

/**
 * One data row of the file. {@code rowNumber} is the row's number as a spreadsheet shows the file
 * (the header is row 1, the first data row row 2, skipped blank rows keep theirs). {@code error} is null for a well-formed row, else why it is {@code MALFORMED_ROW}.
 */
public record CsvRow(long rowNumber, List<String> cells, String error) {

    public boolean malformed() {
        return error != null;
    }
}
