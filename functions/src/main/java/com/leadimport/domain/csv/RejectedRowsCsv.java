package com.leadimport.domain.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the rejected-rows file: the original headers plus {@code Row}, {@code Reason} and
 * {@code Message}, one line per rejected row with its original cells, so a supervisor can fix
 * the rows in a spreadsheet and import the file again as it is (the extra columns are just
 * unmapped headers). A row with fewer cells than the header is padded with empty cells so
 * {@code Row} stays under its header; a row with more keeps all of them in order (it stays
 * ragged, which is what has to be fixed). Streaming: rows are appended as they come; UTF-8.
 *
 * <p>A rejected-rows file imported again and rejected again: when the headers already hold
 * {@code Row}, {@code Reason} and {@code Message} (any case), those columns are the earlier
 * rejection's and are replaced by this one's, so the layout stays the same however often a
 * file goes round. When only some of those names are taken by the supplier's own columns, the
 * new columns are called {@code Rejected Row}, {@code Rejected Reason}, {@code Rejected Message}
 * (numbered if even those are taken) so the file never has a repeated header.
 *
 * <p>Formula injection (OWASP "CSV injection"): a cell starting with {@code = + - @}, tab or
 * carriage return is written with a leading {@code '} so a spreadsheet shows it as text (and a
 * re-import reads the {@code '}). Not neutralised, because they name no function and no cell,
 * so nothing can be run or read through them, and they must survive unchanged for the
 * re-import: a phone number ({@code +} then
 * digits, spaces, dots, hyphens and brackets, e.g. {@code +44 (0)7412-345678}) and a plain
 * negative number ({@code -5}, {@code -12.50}).
 *
 * <p>Lines are RFC 4180 as Commons CSV's {@code CSVFormat.RFC4180} prints them (the test holds
 * the two byte for byte): a cell is quoted when it holds a comma, quote, CR or LF, starts with a
 * character up to {@code #} or ends with one up to a space, or is an empty first cell; quotes are
 * doubled; CRLF ends each line. Each line is built whole and written in one call: the file can
 * hold hundreds of thousands of rows.
 */
public final class RejectedRowsCsv implements AutoCloseable {

    public static final List<String> EXTRA_HEADERS = List.of("Row", "Reason", "Message");

    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private final int headerCount;
    /** Columns of the original file left out: an earlier rejection's Row, Reason and Message. */
    private final Set<Integer> dropped;

    /** Writes the header line at once. */
    public RejectedRowsCsv(Writer out, List<String> headers) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            index.putIfAbsent(key(headers.get(i)), i);
        }
        List<String> extras = EXTRA_HEADERS;
        Set<Integer> earlier = new HashSet<>();
        if (EXTRA_HEADERS.stream().allMatch(h -> index.containsKey(key(h)))) {
            EXTRA_HEADERS.forEach(h -> earlier.add(index.get(key(h))));
        } else if (EXTRA_HEADERS.stream().anyMatch(h -> index.containsKey(key(h)))) {
            extras = new ArrayList<>();
            for (String name : EXTRA_HEADERS) {
                String unique = "Rejected " + name;
                for (int n = 2; index.containsKey(key(unique)); n++) {
                    unique = "Rejected " + name + " " + n;
                }
                extras.add(unique);
            }
        }
        this.dropped = Set.copyOf(earlier);
        this.headerCount = headers.size() - dropped.size();
        List<String> all = new ArrayList<>(headerCount + 3);
        for (int i = 0; i < headers.size(); i++) {
            if (!dropped.contains(i)) {
                all.add(neutralise(headers.get(i)));
            }
        }
        all.addAll(extras);
        this.out = out;
        printRecord(all);
    }

    /**
     * Appends one rejected row.
     *
     * @param row the row's number in the file imported
     * @param reason the reason code, e.g. {@code INVALID_PHONE}
     * @param message the reason in words
     * @param cells the row's cells as read
     */
    public void write(long row, String reason, String message, List<String> cells) {
        List<String> record = new ArrayList<>(Math.max(cells.size(), headerCount) + 3);
        for (int i = 0; i < cells.size(); i++) {
            if (!dropped.contains(i)) {
                record.add(neutralise(cells.get(i)));
            }
        }
        while (record.size() < headerCount) {
            record.add("");
        }
        record.add(Long.toString(row));
        record.add(reason);
        record.add(neutralise(message));
        printRecord(record);
    }

    private void printRecord(List<String> cells) {
        line.setLength(0);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            appendCell(cells.get(i), i == 0);
        }
        line.append("\r\n");
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void appendCell(String cell, boolean first) {
        if (cell == null) {
            return; // an absent cell prints as nothing, not even quotes
        }
        if (!needsQuotes(cell, first)) {
            line.append(cell);
            return;
        }
        line.append('"');
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            line.append(c);
            if (c == '"') {
                line.append('"');
            }
        }
        line.append('"');
    }

    private static boolean needsQuotes(String cell, boolean first) {
        if (cell.isEmpty()) {
            return first; // an empty first cell would read as an empty line
        }
        if (cell.charAt(0) <= '#' || cell.charAt(cell.length() - 1) <= ' ') {
            return true;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cell as a spreadsheet will not run it. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky && !isPlainNumber(cell) ? "'" + cell : cell;
    }

    private static String key(String header) {
        return HeaderNames.key(header);
    }

    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+[0-9 ().-]*[0-9][0-9 ().-]*");
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9]+(\\.[0-9]+)?");

    private static boolean isPlainNumber(String cell) {
        return PHONE_NUMBER.matcher(cell).matches() || NEGATIVE_NUMBER.matcher(cell).matches();
    }
}
