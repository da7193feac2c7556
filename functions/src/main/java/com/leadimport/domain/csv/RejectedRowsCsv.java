package com.leadimport.domain.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the rejected-rows file: the original headers plus {@code Row}, {@code Reason} and
 * {@code Message}, one line per rejected row with its original cells, so a supervisor can fix
 * the rows in a spreadsheet and import the file again as it is (the extra columns are just
 * unmapped headers). Streaming: rows are appended as they come.
 *
 * <p>Formula injection (OWASP "CSV injection"): a cell starting with {@code = + - @}, tab or
 * carriage return is written with a leading {@code '} so a spreadsheet shows it as text, except
 * a plain number or phone number ({@code +44 7412 345678}, {@code -5}), which no spreadsheet
 * runs and which must survive unchanged for the re-import.
 */
public final class RejectedRowsCsv implements AutoCloseable {

    public static final List<String> EXTRA_HEADERS = List.of("Row", "Reason", "Message");

    private final CSVPrinter printer;

    public RejectedRowsCsv(Writer out, List<String> headers) {
        try {
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
            List<String> all = new ArrayList<>(headers.size() + 3);
            headers.forEach(h -> all.add(neutralise(h)));
            all.addAll(EXTRA_HEADERS);
            printer.printRecord(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(long row, String reason, String message, List<String> cells) {
        List<String> record = new ArrayList<>(cells.size() + 3);
        cells.forEach(c -> record.add(neutralise(c)));
        record.add(Long.toString(row));
        record.add(reason);
        record.add(neutralise(message));
        try {
            printer.printRecord(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            printer.close();
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

    private static boolean isPlainNumber(String cell) {
        int digits = 0;
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (!(i == 0 && (c == '+' || c == '-')) && c != ' ' && c != '(' && c != ')' && c != '.'
                    && !(c == '-' && i > 0)) {
                return false;
            }
        }
        return digits > 0 && cell.charAt(cell.length() - 1) != '-';
    }
}
