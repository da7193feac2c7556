package com.leadimport.workflow;

import com.leadimport.domain.csv.CsvRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A chunk of the upload as UTF-8 CSV: the file's headers first, then each row with its row
 * number and, for a malformed row, why. Whatever encoding the upload had, chunks are UTF-8.
 */
public final class ChunkCodec {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private ChunkCodec() {
    }

    public static byte[] encode(List<String> headers, List<CsvRow> rows) {
        StringWriter out = new StringWriter(rows.size() * 128);
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(headers);
            for (CsvRow row : rows) {
                List<String> record = new ArrayList<>(row.cells().size() + 2);
                record.add(Long.toString(row.rowNumber()));
                record.add(row.error() == null ? "" : row.error());
                record.addAll(row.cells());
                printer.printRecord(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static Chunk decode(InputStream in) {
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), FORMAT)) {
            List<String> headers = null;
            List<CsvRow> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                String[] values = record.values();
                if (headers == null) {
                    headers = List.of(values);
                    continue;
                }
                String error = values[1].isEmpty() ? null : values[1];
                rows.add(new CsvRow(Long.parseLong(values[0]), List.of(Arrays.copyOfRange(values, 2, values.length)), error));
            }
            return new Chunk(headers == null ? List.of() : headers, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A decoded chunk. */
    public record Chunk(List<String> headers, List<CsvRow> rows) {
    }
}
