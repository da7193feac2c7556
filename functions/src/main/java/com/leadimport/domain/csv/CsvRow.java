package com.leadimport.domain.csv;

import java.util.List;

/**
 * One data row of the file. {@code rowNumber} counts data rows from 1 (the header is not a
 * data row). {@code error} is null for a well-formed row, else why it is {@code MALFORMED_ROW}.
 */
public record CsvRow(long rowNumber, List<String> cells, String error) {

    public boolean malformed() {
        return error != null;
    }
}
