package com.leadimport.domain.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 4180 records with recovery, so one broken row never costs the rest of the file.
 *
 * <ul>
 *   <li>A quote inside an unquoted cell is kept as text (as spreadsheets do).
 *   <li>Spaces or tabs between a closing quote and the next comma or line end are dropped.
 *   <li>Other text after a closing quote makes the record malformed, when the quoted cell
 *       stayed on one line.
 *   <li>An unterminated quote: a quoted cell still open after {@link #MAX_QUOTED_LINES} lines or
 *       {@link #MAX_QUOTED_CHARS} characters, or at the end of the file, or one that spans lines
 *       and is then followed by text (the usual sign that a stray quote has paired up with the
 *       opening quote of a later row's cell). The record's first physical line becomes one
 *       malformed record and reading resumes on the next physical line, so the later rows are
 *       read as they are.
 * </ul>
 */
final class RecordParser {

    static final int MAX_QUOTED_LINES = 100;
    static final int MAX_QUOTED_CHARS = 64 * 1024;

    /** One record: its cells, and why it is malformed (or null). */
    record Record(List<String> cells, String error, boolean blank) {
    }

    private final Reader in;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    /** Characters given back to be read again, the next one last (a stack of chars, not boxed: one a row is usual). */
    private char[] replay = new char[256];
    private int replayed;
    private char delimiter = ',';
    /** The cell being read and the record as written from its first quote (for a broken one), reused from record to record. */
    private final StringBuilder cell = new StringBuilder(64);
    private final StringBuilder raw = new StringBuilder(256);

    RecordParser(Reader in) {
        this.in = in;
    }

    char delimiter() {
        return delimiter;
    }

    /** Splits cells at this delimiter from the start, with no detection. */
    void useDelimiter(char given) {
        this.delimiter = given;
    }

    /** The delimiters a supplier's file may use; the first wins a tie. */
    static final String DELIMITERS = ",;\t|";

    /**
     * Reads ahead the first line (the header) and from then on splits cells at whichever of
     * comma, semicolon, tab and pipe it holds most often outside quotes; comma when it holds none.
     */
    char detectDelimiter() {
        StringBuilder first = new StringBuilder();
        int[] counts = new int[DELIMITERS.length()];
        boolean quoted = false;
        for (int c = read(); c >= 0 && first.length() <= MAX_QUOTED_CHARS; c = read()) {
            first.append((char) c);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && DELIMITERS.indexOf(c) >= 0) {
                counts[DELIMITERS.indexOf(c)]++;
            }
        }
        for (int i = first.length() - 1; i >= 0; i--) {
            push(first.charAt(i));
        }
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        delimiter = DELIMITERS.charAt(best);
        return delimiter;
    }

    /** @return the next record, or null at the end of the input */
    Record next() {
        List<String> cells = new ArrayList<>();
        cell.setLength(0);
        raw.setLength(0);
        String error = null;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean anyQuote = false;
        int quotedLines = 0;
        int spacesAfterQuote = 0;
        int linesBeforeQuote = 0;
        int c = read();
        if (c < 0) {
            return null;
        }
        while (true) {
            if (anyQuote && c >= 0) {
                raw.append((char) c);
            }
            if (quoted) {
                if (c < 0 || quotedLines > MAX_QUOTED_LINES || cell.length() > MAX_QUOTED_CHARS) {
                    return unterminated();
                }
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        raw.append('"');
                        cell.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        unread(next);
                    }
                } else {
                    boolean lineBreak = c == '\r' || c == '\n' && !(raw.length() > 1 && raw.charAt(raw.length() - 2) == '\r');
                    if (lineBreak) {
                        quotedLines++;
                    }
                    cell.append((char) c);
                }
            } else if (c == delimiter) {
                cell.setLength(cell.length() - spacesAfterQuote);
                cells.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
                spacesAfterQuote = 0;
            } else if (afterQuote && error == null && (c == ' ' || c == '\t')) {
                spacesAfterQuote++;
                cell.append((char) c);
            } else if (c == '\n' || c == '\r' || c < 0) {
                if (c == '\r') {
                    int next = read();
                    if (next != '\n') {
                        unread(next);
                    }
                }
                cell.setLength(cell.length() - spacesAfterQuote);
                cells.add(cell.toString());
                boolean blank = !anyQuote && cells.size() == 1 && cells.get(0).isBlank();
                return new Record(cells, error, blank);
            } else if (c == '"' && cell.isEmpty() && !afterQuote) {
                quoted = true;
                anyQuote = true;
                startRaw(cells);
                linesBeforeQuote = quotedLines;
            } else {
                if (afterQuote && quotedLines > linesBeforeQuote) {
                    return unterminated();
                }
                if (afterQuote && error == null) {
                    error = "text after a closing quote in column " + (cells.size() + 1);
                }
                spacesAfterQuote = 0;
                cell.append((char) c);
                if (!afterQuote) {
                    takePlainRun();
                }
            }
            c = read();
        }
    }

    /**
     * Gives back everything after the record's first physical line, and makes that line one
     * malformed record. When the cap was reached before the first line ended, the rest of the
     * line is read past (kept in the record only up to the cap), so it cannot turn into a row.
     */
    private Record unterminated() {
        int end = 0;
        while (end < raw.length() && raw.charAt(end) != '\n' && raw.charAt(end) != '\r') {
            end++;
        }
        boolean lineBreak = end < raw.length();
        if (!lineBreak) {
            for (int c = read(); c >= 0; c = read()) {
                if (c == '\n' || c == '\r') {
                    int next = c == '\r' ? read() : -1;
                    if (next >= 0 && next != '\n') {
                        unread(next);
                    }
                    break;
                }
                if (raw.length() <= MAX_QUOTED_CHARS) {
                    raw.append((char) c);
                }
            }
            end = raw.length();
        } else {
            int resume = end + 1;
            if (raw.charAt(end) == '\r' && resume < raw.length() && raw.charAt(resume) == '\n') {
                resume++;
            }
            for (int i = raw.length() - 1; i >= resume; i--) {
                push(raw.charAt(i));
            }
        }
        List<String> cells = List.of(raw.substring(0, end).split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1));
        return new Record(cells, "a quote opened in this row is never closed", false);
    }

    /**
     * The record as written is kept only from its first quote on (only a quote can leave it
     * unterminated): up to there it is its cells so far, each with the delimiter after it, as
     * unquoted text reads back as itself.
     */
    private void startRaw(List<String> cells) {
        for (String done : cells) {
            raw.append(done).append(delimiter);
        }
        raw.append('"');
    }

    /**
     * Inside an unquoted cell every character up to the next delimiter or line break is text (a
     * quote too), so the rest of such a run in the buffer is taken at once rather than a character
     * at a time: the common case, and most of the parser's time before.
     */
    private void takePlainRun() {
        if (replayed > 0) {
            return;
        }
        int end = position;
        while (end < limit) {
            char c = buffer[end];
            if (c == delimiter || c == '\n' || c == '\r') {
                break;
            }
            end++;
        }
        if (raw.length() > 0) { // a quote has opened in this record (see startRaw)
            raw.append(buffer, position, end - position);
        }
        cell.append(buffer, position, end - position);
        position = end;
    }

    private int read() {
        if (replayed > 0) {
            return replay[--replayed];
        }
        if (position == limit) {
            try {
                int n = in.read(buffer, 0, buffer.length);
                if (n <= 0) {
                    return -1;
                }
                position = 0;
                limit = n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return buffer[position++];
    }

    private void unread(int c) {
        if (c >= 0) {
            push((char) c);
        }
    }

    private void push(char c) {
        if (replayed == replay.length) {
            replay = Arrays.copyOf(replay, replayed * 2);
        }
        replay[replayed++] = c;
    }
}
