package com.leadimport.domain.csv;

import java.io.InputStream;
import java.util.List;

/** Streams a supplier CSV: file checks up front, then one {@link CsvRow} at a time. */
public final class LeadCsvReader implements AutoCloseable {

    public static final long MAX_BYTES = 50L * 1024 * 1024;

    public static LeadCsvReader open(String fileName, long sizeBytes, InputStream in) {
        throw new UnsupportedOperationException("being written");
    }

    public List<String> headers() {
        throw new UnsupportedOperationException("being written");
    }

    /** @return the next data row, or null at the end of the file */
    public CsvRow next() {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
    }
}
