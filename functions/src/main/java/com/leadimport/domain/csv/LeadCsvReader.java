package com.leadimport.domain.csv;

import com.leadimport.domain.request.Delimiter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams a supplier CSV: the file-level checks up front (extension, size, text, header),
 * then one {@link CsvRow} at a time; only the current row is in memory.
 *
 * <ul>
 *   <li>Refused as a whole ({@link FileRefusedException}): a name not ending {@code .csv} (any
 *       case); more than {@link #MAX_BYTES}, declared or found while reading; no bytes; binary
 *       content (a NUL byte in the first KB, a zip/Excel/UTF-16 signature); an empty first line;
 *       a header with a blank or repeated name (trimmed, case-insensitive); a file mixing UTF-8
 *       with other bytes (see {@link TextDecoder}).
 *   <li>Header names are trimmed; cells are returned as written.
 *   <li>Rows whose every cell is empty (empty lines, a spreadsheet's ",,,") are skipped and
 *       counted ({@link #blankRows}), not data rows, but keep their numbers: a row's number is
 *       the one a spreadsheet shows for it (the header is row 1, the first data row row 2), and
 *       a quoted cell spanning lines is still one row.
 *   <li>A row with a different number of cells from the header, or with broken quoting (see
 *       {@link RecordParser}), comes back malformed with the reason and its cells, and the rest
 *       of the file is still read.
 * </ul>
 */
public final class LeadCsvReader implements AutoCloseable {

    public static final long MAX_BYTES = 50L * 1024 * 1024;

    private final TextDecoder decoder;
    private final RecordParser parser;
    private final List<String> headers;
    private long rowNumber = 1; // the header's
    private long blankRows;

    private LeadCsvReader(TextDecoder decoder, RecordParser parser, List<String> headers) {
        this.decoder = decoder;
        this.parser = parser;
        this.headers = headers;
    }

    /** @throws FileRefusedException when the file as a whole cannot be imported */
    public static LeadCsvReader open(String fileName, long sizeBytes, InputStream in) {
        return open(fileName, sizeBytes, in, null);
    }

    /**
     * @param delimiter the file's delimiter as the request names it, or null to detect it from the header line
     * @throws FileRefusedException when the file as a whole cannot be imported
     */
    public static LeadCsvReader open(String fileName, long sizeBytes, InputStream in, Delimiter delimiter) {
        if (fileName == null || !fileName.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new FileRefusedException("The file must be a .csv file (got '" + fileName + "')");
        }
        if (sizeBytes > MAX_BYTES) {
            throw new FileRefusedException(String.format(Locale.ROOT, "The file is %,d bytes; the limit is 50 MB (%,d bytes)",
                    sizeBytes, MAX_BYTES));
        }
        if (sizeBytes == 0) {
            throw new FileRefusedException("The file is empty");
        }
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        refuseBinary(buffered);
        TextDecoder decoder = new TextDecoder(buffered, MAX_BYTES);
        RecordParser parser = new RecordParser(decoder);
        if (delimiter == null) {
            parser.detectDelimiter();
        } else {
            parser.useDelimiter(delimiter.character());
        }
        RecordParser.Record header = parser.next();
        if (header == null) {
            throw new FileRefusedException("The file is empty");
        }
        if (header.blank()) {
            throw new FileRefusedException("The file has no header row: its first line is empty");
        }
        if (header.error() != null) {
            throw new FileRefusedException("The header row cannot be read: " + header.error());
        }
        return new LeadCsvReader(decoder, parser, checkedHeaders(header.cells()));
    }

    /** The delimiter in use: the request's, or the one found in the header line. */
    public Delimiter delimiter() {
        return Delimiter.of(parser.delimiter());
    }

    /** Rows read so far whose every cell is empty (a spreadsheet's ",,," rows): skipped, not data rows. */
    public long blankRows() {
        return blankRows;
    }

    public List<String> headers() {
        return headers;
    }

    /** The encoding the file was read in so far (UTF-8, or Windows-1252 for Excel's plain CSV). */
    public Charset charset() {
        return decoder.charset();
    }

    /** @return the next data row, or null at the end of the file */
    public CsvRow next() {
        RecordParser.Record record;
        do {
            record = parser.next();
            if (record == null) {
                return null;
            }
            rowNumber++;
            if (record.blank() || record.error() == null && allBlank(record.cells())) {
                blankRows++; // an empty line, or a spreadsheet's empty row (",,,"): skipped, counted
                record = null;
            }
        } while (record == null);
        String error = record.error();
        if (error == null && record.cells().size() != headers.size()) {
            error = "row " + rowNumber + " has " + record.cells().size() + " cells, the header has " + headers.size();
        } else if (error != null) {
            error = "row " + rowNumber + ": " + error;
        } else {
            error = controlCharacter(record.cells());
        }
        return new CsvRow(rowNumber, record.cells(), error);
    }

    private static boolean allBlank(List<String> cells) {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A cell holding NUL or another control character (tab and line breaks inside a quoted cell
     * excepted) rejects its row, naming the column: such bytes come from a damaged file or one
     * in another encoding, and cleaning them away would import what nobody can check.
     */
    private String controlCharacter(List<String> cells) {
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                    return "row %d: column '%s' holds a control character (U+%04X) at character %d; the file may be damaged or not plain text"
                            .formatted(rowNumber, headers.get(column), (int) c, i + 1);
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            decoder.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> checkedHeaders(List<String> cells) {
        List<String> headers = new ArrayList<>(cells.size());
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String header = cells.get(i).strip();
            if (header.isEmpty()) {
                throw new FileRefusedException("Column " + (i + 1) + " of the header row has no name");
            }
            if (seen.putIfAbsent(HeaderNames.key(header), i) != null) {
                duplicates.add("'" + header + "'");
            }
            headers.add(header);
        }
        if (!duplicates.isEmpty()) {
            throw new FileRefusedException("The header row repeats " + String.join(", ", duplicates)
                    + ": each column needs its own name");
        }
        return List.copyOf(headers);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void refuseBinary(BufferedInputStream in) {
        try {
            in.mark(1024);
            byte[] start = in.readNBytes(1024);
            in.reset();
            if (startsWith(start, 0xFF, 0xFE) || startsWith(start, 0xFE, 0xFF)) {
                throw new FileRefusedException("The file is not text we can read: it is saved as UTF-16"
                        + " (\"Unicode Text\"); save it from your spreadsheet as \"CSV UTF-8\"");
            }
            if (startsWith(start, 'P', 'K', 3, 4) || startsWith(start, 0xD0, 0xCF, 0x11, 0xE0)) {
                throw new FileRefusedException("The file is not text: it is an Excel workbook (or other"
                        + " document) renamed .csv; open it in Excel and save it as \"CSV UTF-8\"");
            }
            for (byte b : start) {
                if (b == 0) {
                    throw new FileRefusedException("The file is not text (it looks like a spreadsheet or other binary"
                            + " file renamed .csv): save it from your spreadsheet as \"CSV UTF-8\"");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
