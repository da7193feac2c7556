package com.leadimport.domain.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.leadimport.domain.request.Delimiter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadCsvReaderTest {

    private static LeadCsvReader open(String name, byte[] bytes) {
        return LeadCsvReader.open(name, bytes.length, new ByteArrayInputStream(bytes));
    }

    private static LeadCsvReader open(String text) {
        return open("leads.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CsvRow> rows(LeadCsvReader reader) {
        List<CsvRow> rows = new ArrayList<>();
        for (CsvRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void readsHeadersAndRowsWithTheirNumbers() {
        LeadCsvReader reader = open(" Name ,Phone\r\nAnn,07412 345678\r\nBob,07412 345679\r\n");

        assertThat(reader.headers()).containsExactly("Name", "Phone");
        assertThat(rows(reader)).containsExactly(
                new CsvRow(2, List.of("Ann", "07412 345678"), null),
                new CsvRow(3, List.of("Bob", "07412 345679"), null));
    }

    @Test
    void readsQuotedCommasNewlinesAndQuotes() {
        List<CsvRow> rows = rows(open("Name,Address,Notes\n\"Lee, Ann\",\"1 High St\nLeeds\",\"said \"\"hi\"\"\"\nBob,x,y"));

        assertThat(rows).containsExactly(
                new CsvRow(2, List.of("Lee, Ann", "1 High St\nLeeds", "said \"hi\""), null),
                new CsvRow(3, List.of("Bob", "x", "y"), null));
    }

    @Test
    void skipsBlankLinesWhichKeepTheirRowNumbersAsASpreadsheetShowsThem() {
        List<CsvRow> rows = rows(open("Name\nAnn\n\n\r\nBob\n"));

        assertThat(rows).as("CONTRACT.md: the header is row 1; skipped blank rows keep their numbers")
                .extracting(CsvRow::rowNumber, r -> r.cells().get(0)).containsExactly(
                tuple(2L, "Ann"), tuple(5L, "Bob"));
    }

    @Test
    void raggedRowsAreMalformedAndTheRestIsRead() {
        List<CsvRow> rows = rows(open("A,B,C\n1,2,3\n1,2\n1,2,3,4\n7,8,9\n"));

        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).error()).isEqualTo("row 3 has 2 cells, the header has 3");
        assertThat(rows.get(1).cells()).containsExactly("1", "2");
        assertThat(rows.get(2).error()).isEqualTo("row 4 has 4 cells, the header has 3");
        assertThat(rows.get(3)).isEqualTo(new CsvRow(5, List.of("7", "8", "9"), null));
    }

    @Test
    void aCellWithNulOrAnotherControlCharacterRejectsItsRowNamingTheColumn() {
        String file = "Name,Phone\nAnn,07412 345678\n" + "x".repeat(2_000) + ",07412 345679\nB\u0000b,07412 345670\n"
                + "Cy,0741\u001b2\n\"Di\tna\",\"07412\n345671\"\n";
        List<CsvRow> rows = rows(open(file));

        assertThat(rows).extracting(CsvRow::error).containsExactly(null, null,
                "row 4: column 'Name' holds a control character (U+0000) at character 2; the file may be damaged or not plain text",
                "row 5: column 'Phone' holds a control character (U+001B) at character 5; the file may be damaged or not plain text",
                null);
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        List<CsvRow> rows = rows(open("A,B\n\"x\"y,2\n3,4\n"));

        assertThat(rows.get(0).error()).isEqualTo("row 2: text after a closing quote in column 1");
        assertThat(rows.get(1)).isEqualTo(new CsvRow(3, List.of("3", "4"), null));
    }

    @Test
    void anUnterminatedQuoteCostsOneRowNotTheFile() {
        StringBuilder text = new StringBuilder("Name,Phone\nAnn,07412 345678\n\"Bob,07412 345679\n");
        for (int i = 0; i < 150; i++) {
            text.append("Row").append(i).append(",07412 3").append(String.format("%05d", i)).append('\n');
        }

        List<CsvRow> rows = rows(open(text.toString()));

        assertThat(rows).hasSize(152);
        assertThat(rows.get(1).error()).isEqualTo("row 3: a quote opened in this row is never closed");
        assertThat(rows.get(1).cells()).containsExactly("\"Bob", "07412 345679");
        assertThat(rows.get(2)).isEqualTo(new CsvRow(4, List.of("Row0", "07412 300000"), null));
        assertThat(rows.get(151)).isEqualTo(new CsvRow(153, List.of("Row149", "07412 300149"), null));
    }

    @Test
    void anUnterminatedQuoteAtTheEndIsMalformed() {
        List<CsvRow> rows = rows(open("A,B\n1,2\n\"3,4\n5,6"));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).malformed()).isTrue();
        assertThat(rows.get(2)).isEqualTo(new CsvRow(4, List.of("5", "6"), null));
    }

    @Test
    void anUnterminatedQuoteInALaterColumnKeepsTheCellsBeforeItAsWritten() {
        List<CsvRow> rows = rows(open("A,B,C\n1,2,3\nAn\"n,Lee,\"07412 345678\n5,6,7\n"));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).isEqualTo(new CsvRow(3, List.of("An\"n", "Lee", "\"07412 345678"),
                "row 3: a quote opened in this row is never closed"));
        assertThat(rows.get(2)).isEqualTo(new CsvRow(4, List.of("5", "6", "7"), null));
    }

    @Test
    void stripsAUtf8ByteOrderMark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "Name,Town\nZoë,Montréal\n".getBytes(StandardCharsets.UTF_8);
        LeadCsvReader reader = open("leads.csv", concat(bom, body));

        assertThat(reader.headers()).containsExactly("Name", "Town");
        assertThat(rows(reader).get(0).cells()).containsExactly("Zoë", "Montréal");
        assertThat(reader.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void readsWindows1252AsExcelWritesIt() {
        byte[] bytes = "Name,Note,Price\nRené,\u201cbest\u201d deal,£5\n".getBytes(TextDecoder.WINDOWS_1252);

        LeadCsvReader reader = open("leads.csv", bytes);

        assertThat(rows(reader).get(0).cells()).containsExactly("René", "\u201cbest\u201d deal", "£5");
        assertThat(reader.charset()).isEqualTo(TextDecoder.WINDOWS_1252);
    }

    @Test
    void refusesAFileMixingUtf8AndOtherBytes() {
        byte[] bytes = concat("Name\nZoë\n".getBytes(StandardCharsets.UTF_8), new byte[] {'R', 'e', 'n', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> rows(open("leads.csv", bytes))).isInstanceOf(FileRefusedException.class)
                .hasMessage("The file is not valid UTF-8 at byte 14 but has UTF-8 characters before it: save it again as \"CSV UTF-8\"");
    }

    @Test
    void refusesOtherExtensions() {
        assertThatThrownBy(() -> open("leads.xlsx", "A\n1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FileRefusedException.class).hasMessage("The file must be a .csv file (got 'leads.xlsx')");
    }

    @Test
    void acceptsAnUpperCaseExtension() {
        assertThat(open("LEADS.CSV", "A\n1".getBytes(StandardCharsets.UTF_8)).headers()).containsExactly("A");
    }

    @Test
    void refusesFilesOverFiftyMegabytes() {
        assertThatThrownBy(() -> LeadCsvReader.open("big.csv", LeadCsvReader.MAX_BYTES + 1, InputStream.nullInputStream()))
                .isInstanceOf(FileRefusedException.class).hasMessage("The file is 52,428,801 bytes; the limit is 50 MB (52,428,800 bytes)");
    }

    @Test
    void refusesAFileLargerThanItsDeclaredSizeWhileStreaming() {
        InputStream endless = new InputStream() {
            private long n;

            @Override
            public int read() {
                n++;
                return n == 1 ? 'A' : n % 2 == 0 ? '\n' : '1';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        LeadCsvReader reader = LeadCsvReader.open("lies.csv", 10, endless);

        assertThatThrownBy(() -> {
            while (reader.next() != null) {
                // reads until the limit trips
            }
        }).isInstanceOf(FileRefusedException.class).hasMessage("The file is larger than the 50 MB limit");
    }

    @Test
    void refusesEmptyAndHeaderlessFiles() {
        assertThatThrownBy(() -> LeadCsvReader.open("e.csv", 0, InputStream.nullInputStream())).hasMessage("The file is empty");
        assertThatThrownBy(() -> open("e.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})).hasMessage("The file is empty");
        assertThatThrownBy(() -> open("\nAnn,1\n")).hasMessage("The file has no header row: its first line is empty");
    }

    @Test
    void refusesBlankAndDuplicateHeaders() {
        assertThatThrownBy(() -> open("Name,,Phone\n")).hasMessage("Column 2 of the header row has no name");
        assertThatThrownBy(() -> open("Name,Phone,phone ,Name\n"))
                .hasMessage("The header row repeats 'phone', 'Name': each column needs its own name");
    }

    @Test
    void refusesBinaryFiles() {
        byte[] xlsx = {'P', 'K', 3, 4, 0, 0, 0, 8};

        assertThatThrownBy(() -> open("leads.csv", xlsx)).isInstanceOf(FileRefusedException.class)
                .hasMessageContaining("The file is not text");
    }

    @Test
    void readsWindows1252BytesAsExcelWritesThem() {
        // GIVEN Excel's plain "CSV" of: Caf<e-acute>,Price / <curly>Best<curly> deal,<pound>5 <euro>6 and the undefined byte 0x81
        byte[] bytes = bytes("Caf", 0xE9, ",Price\r\n", 0x93, "Best", 0x94, " deal,", 0xA3, "5 ", 0x80, "6 ", 0x81, "\r\n");

        // WHEN
        LeadCsvReader reader = open("leads.csv", bytes);
        List<CsvRow> rows = rows(reader);

        // THEN
        assertThat(reader.headers()).containsExactly("Café", "Price");
        assertThat(rows).containsExactly(new CsvRow(2, List.of("\u201cBest\u201d deal", "£5 €6 \u0081"), null));
        assertThat(reader.charset()).isEqualTo(Charset.forName("windows-1252"));
    }

    @Test
    void readsUtf8WithABomAndCrlfAsUtf8() {
        byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "Name,Price,Note\r\nZoë,£5,\u201cok\u201d \uD83D\uDE00\r\n".getBytes(StandardCharsets.UTF_8));

        LeadCsvReader reader = open("leads.csv", bytes);

        assertThat(reader.headers().get(0)).isEqualTo("Name");
        assertThat(rows(reader)).containsExactly(new CsvRow(2, List.of("Zoë", "£5", "\u201cok\u201d \uD83D\uDE00"), null));
        assertThat(reader.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void readsBackEveryCellOfAGeneratedFileWhateverTheBufferBoundaries() {
        // GIVEN 3,000 rows of known cells, written as a spreadsheet writes them: cells with a comma, quote or line break
        // quoted (quotes doubled), a quote inside an unquoted cell left as it is, some cells longer than the parser's
        // 16 KB buffer, and both line endings, so every kind of cell meets a buffer boundary somewhere
        java.util.Random random = new java.util.Random(20261205);
        StringBuilder text = new StringBuilder("A,B,C,D\r\n");
        List<List<String>> expected = new ArrayList<>();
        for (int r = 0; r < 3_000; r++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String cell = generatedCell(random, c == 0);
                cells.add(cell);
                boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('\n') >= 0 || cell.startsWith("\"")
                        || cell.indexOf('"') >= 0 && random.nextBoolean();
                text.append(c == 0 ? "" : ",").append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
            }
            text.append(random.nextBoolean() ? "\n" : "\r\n");
            expected.add(cells);
        }

        List<CsvRow> rows = rows(open(text.toString()));

        assertThat(rows).extracting(CsvRow::error).containsOnlyNulls();
        assertThat(rows).extracting(CsvRow::cells).containsExactlyElementsOf(expected);
    }

    private static String generatedCell(java.util.Random random, boolean first) {
        boolean longCell = random.nextInt(50) == 0;
        // a long cell has no line break: a quoted cell of over 100 lines is taken for an unterminated quote
        String alphabet = longCell ? "abcdefghij KLMNOP 0123456789 éß\"," : "abcdefghij KLMNOP 0123456789 éß\",\n";
        int length = longCell ? 5_000 + random.nextInt(20_000) : 1 + random.nextInt(30);
        StringBuilder cell = new StringBuilder(first ? "x" : "");
        while (cell.length() < length) {
            cell.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return cell.toString().strip();
    }

    @Test
    void decodesAUtf8CharacterSplitAcrossReadBuffers() {
        // GIVEN a multi-byte character on every offset around the decoder's 64 KB buffer boundary
        StringBuilder text = new StringBuilder("Name\n");
        while (text.length() < 70_000) {
            text.append("Zoë Brontë\n");
        }

        List<CsvRow> rows = rows(open(text.toString()));

        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row).extracting(CsvRow::cells)
                .isEqualTo(List.of("Zoë Brontë")));
    }

    @Test
    void refusesUtf8ThatTurnsInvalidWithTheByteOffset() {
        // GIVEN a BOM (bytes 1-3), "A\n", "René\n" with é in UTF-8 (bytes 9-10), "x", then a lone Windows-1252 "£"
        byte[] bytes = concat(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "A\nRené\nx".getBytes(StandardCharsets.UTF_8)),
                bytes(0xA3, "\n"));

        assertThatThrownBy(() -> rows(open("leads.csv", bytes))).isInstanceOf(FileRefusedException.class)
                .hasMessage("The file is not valid UTF-8 at byte 13 but has UTF-8 characters before it: save it again as \"CSV UTF-8\"");
    }

    @Test
    void countsAQuotedCellSpanningLinesAsOneRow() {
        List<CsvRow> rows = rows(open("Name,Address\r\nAnn,\"1 High St\r\nLeeds\r\nLS1 1AA\"\r\nBob,x\r\nCat,y,z\r\n\"Dee\"q,w\r\n"));

        assertThat(rows).containsExactly(
                new CsvRow(2, List.of("Ann", "1 High St\r\nLeeds\r\nLS1 1AA"), null),
                new CsvRow(3, List.of("Bob", "x"), null),
                new CsvRow(4, List.of("Cat", "y", "z"), "row 4 has 3 cells, the header has 2"),
                new CsvRow(5, List.of("Deeq", "w"), "row 5: text after a closing quote in column 1"));
    }

    @Test
    void readsOldMacLineEndings() {
        assertThat(rows(open("A,B\r1,2\r\"x\ry\",3\r"))).containsExactly(
                new CsvRow(2, List.of("1", "2"), null),
                new CsvRow(3, List.of("x\ry", "3"), null));
    }

    @Test
    void dropsSpacesBetweenAClosingQuoteAndTheComma() {
        assertThat(rows(open("A,B\n\"Lee, Ann\"  ,\"07412\" \n"))).containsExactly(
                new CsvRow(2, List.of("Lee, Ann", "07412"), null));
    }

    @Test
    void skipsAndCountsLinesOfOnlySpacesAndLinesOfCommas() {
        LeadCsvReader reader = open("A,B\n   \n\t\n,\n1,2\n");

        assertThat(rows(reader)).containsExactly(new CsvRow(5, List.of("1", "2"), null));
        assertThat(reader.blankRows()).as("CONTRACT.md: rows whose every cell is empty are counted in blankRows").isEqualTo(3);
    }

    @Test
    void aStrayQuoteThatPairsWithALaterQuotedCellCostsOnlyItsOwnLine() {
        // GIVEN row 2 opens a quote it never closes, and row 4 has a properly quoted cell
        String text = "Name,Phone\n"
                + "Ann,07412 345670\n"
                + "\"Bob,07412 345671\n"
                + "Cat,07412 345672\n"
                + "\"Lee, Dee\",07412 345673\n"
                + "Eve,07412 345674\n";

        // WHEN
        List<CsvRow> rows = rows(open(text));

        // THEN only row 2 is lost, and the rows after it read as written
        assertThat(rows).containsExactly(
                new CsvRow(2, List.of("Ann", "07412 345670"), null),
                new CsvRow(3, List.of("\"Bob", "07412 345671"), "row 3: a quote opened in this row is never closed"),
                new CsvRow(4, List.of("Cat", "07412 345672"), null),
                new CsvRow(5, List.of("Lee, Dee", "07412 345673"), null),
                new CsvRow(6, List.of("Eve", "07412 345674"), null));
    }

    @Test
    void aQuotedCellOverTheCharacterCapIsAnUnterminatedQuote() {
        String huge = "x".repeat(RecordParser.MAX_QUOTED_CHARS + 10);

        List<CsvRow> rows = rows(open("A,B\n\"" + huge + ",1\n2,3\n"));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).error()).isEqualTo("row 2: a quote opened in this row is never closed");
        assertThat(rows.get(1)).isEqualTo(new CsvRow(3, List.of("2", "3"), null));
    }

    @Test
    void keepsALegitimateQuotedCellOfManyLines() {
        String notes = String.join("\n", java.util.Collections.nCopies(RecordParser.MAX_QUOTED_LINES, "note"));

        List<CsvRow> rows = rows(open("A,B\n1,\"" + notes + "\"\n2,3\n"));

        assertThat(rows).containsExactly(new CsvRow(2, List.of("1", notes), null), new CsvRow(3, List.of("2", "3"), null));
    }

    @Test
    void aHeaderOnlyFileHasNoRows() {
        LeadCsvReader reader = open("Name,Phone\r\n");

        assertThat(reader.headers()).containsExactly("Name", "Phone");
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void refusesAHeaderWithAnUnterminatedQuote() {
        assertThatThrownBy(() -> open("\"Name,Phone\nAnn,1\n")).isInstanceOf(FileRefusedException.class)
                .hasMessage("The header row cannot be read: a quote opened in this row is never closed");
    }

    @Test
    void refusesAHeaderOfOnlySpacesAsNoHeader() {
        assertThatThrownBy(() -> open("   \r\nAnn,1\r\n")).hasMessage("The file has no header row: its first line is empty");
    }

    @Test
    void acceptsADeclaredSizeOfExactlyFiftyMegabytes() {
        byte[] bytes = "A\n1\n".getBytes(StandardCharsets.UTF_8);

        LeadCsvReader reader = LeadCsvReader.open("leads.csv", LeadCsvReader.MAX_BYTES, new ByteArrayInputStream(bytes));

        assertThat(reader.next()).isEqualTo(new CsvRow(2, List.of("1"), null));
    }

    @Test
    void namesWorkbooksAndUtf16Files() {
        assertThatThrownBy(() -> open("leads.csv", bytes("PK", 3, 4, 20, 0, 6, 0)))
                .hasMessage("The file is not text: it is an Excel workbook (or other document) renamed .csv;"
                        + " open it in Excel and save it as \"CSV UTF-8\"");
        assertThatThrownBy(() -> open("leads.csv", bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)))
                .hasMessageStartingWith("The file is not text: it is an Excel workbook");
        assertThatThrownBy(() -> open("leads.csv", concat(bytes(0xFF, 0xFE), "A\n1\n".getBytes(StandardCharsets.UTF_16LE))))
                .hasMessage("The file is not text we can read: it is saved as UTF-16 (\"Unicode Text\");"
                        + " save it from your spreadsheet as \"CSV UTF-8\"");
    }

    @Test
    void streamsTheFileInsteadOfReadingItWhole() {
        // GIVEN a 20 MB file produced on demand, counting the bytes taken from it
        long rowsInFile = 400_000;
        CountingRows in = new CountingRows(rowsInFile);

        // WHEN the header and one row are read
        LeadCsvReader reader = LeadCsvReader.open("big.csv", 20_000_000, in);
        CsvRow first = reader.next();

        // THEN only a buffer's worth has been read, and the whole file still reads row by row
        assertThat(first).isEqualTo(new CsvRow(2, List.of("Lead 0", "07412 000000", "x".repeat(24)), null));
        assertThat(in.taken).isLessThan(256 * 1024);
        long count = 1;
        for (CsvRow row = reader.next(); row != null; row = reader.next()) {
            count++;
        }
        assertThat(count).isEqualTo(rowsInFile);
        reader.close();
        assertThat(in.closed).isTrue();
    }

    /** "Name,Phone,Note" then {@code rows} rows of about 45 bytes, generated as they are read. */
    private static final class CountingRows extends InputStream {
        private final long rows;
        private byte[] current = "Name,Phone,Note\n".getBytes(StandardCharsets.US_ASCII);
        private int position;
        private long row;
        long taken;
        boolean closed;

        CountingRows(long rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            if (position == current.length) {
                if (row == rows) {
                    return -1;
                }
                current = String.format("Lead %d,07412 %06d,%s\n", row, row, "x".repeat(24)).getBytes(StandardCharsets.US_ASCII);
                position = 0;
                row++;
            }
            taken++;
            return current[position++];
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Text (as ASCII) and byte values, in order. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    void headersThatDifferOnlyInCaseOrSpacesAreTheSameHeader() {
        assertThatThrownBy(() -> open("First Name,first  NAME\nAnn,Lee\n"))
                .hasMessage("The header row repeats 'first  NAME': each column needs its own name");
    }

    @Test
    void theDelimiterIsFoundInTheHeaderLine() {
        LeadCsvReader semicolons = open("First Name;Last Name;Mobile;Note\nAnn;Lee;07412 345001;\"a; b, c\"\n");
        assertThat(semicolons.delimiter()).isEqualTo(Delimiter.SEMICOLON);
        assertThat(semicolons.headers()).containsExactly("First Name", "Last Name", "Mobile", "Note");
        assertThat(rows(semicolons)).singleElement().isEqualTo(new CsvRow(2, List.of("Ann", "Lee", "07412 345001", "a; b, c"), null));

        LeadCsvReader tabs = open("Name\tPhone\nAnn, Lee\t07412 345001\n");
        assertThat(tabs.delimiter()).isEqualTo(Delimiter.TAB);
        assertThat(rows(tabs).get(0).cells()).containsExactly("Ann, Lee", "07412 345001");

        LeadCsvReader pipes = open("Name|Phone\nAnn|07412 345001\n");
        assertThat(rows(pipes).get(0).cells()).containsExactly("Ann", "07412 345001");

        LeadCsvReader quotedSemicolons = open("\"Name; full\",Phone\nAnn,07412 345001\n");
        assertThat(quotedSemicolons.delimiter()).as("inside quotes does not count").isEqualTo(Delimiter.COMMA);
        assertThat(open("Name\nAnn\n").delimiter()).isEqualTo(Delimiter.COMMA);
    }

    @Test
    void aDelimiterTheRequestNamesIsUsedInsteadOfTheDetectedOne() {
        // GIVEN a header with more commas than semicolons, though the file is semicolon-separated
        String text = "Name, full;Notes, more, still more\nLee, Ann;x, y, z\n";
        assertThat(open(text).delimiter()).as("detected").isEqualTo(Delimiter.COMMA);

        // WHEN the supervisor says semicolon
        LeadCsvReader reader = LeadCsvReader.open("leads.csv", text.length(),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Delimiter.SEMICOLON);

        // THEN
        assertThat(reader.delimiter()).isEqualTo(Delimiter.SEMICOLON);
        assertThat(reader.headers()).containsExactly("Name, full", "Notes, more, still more");
        assertThat(rows(reader)).singleElement().isEqualTo(new CsvRow(2, List.of("Lee, Ann", "x, y, z"), null));
    }

    @Test
    void rowsWithEveryCellEmptyAreSkippedAndCounted() {
        LeadCsvReader reader = open("Name,Phone,Email\nAnn,07412 345001,\n,,\n\n , ,\n\"\",,\nBob,,b@example.com\n,,\n");

        assertThat(rows(reader)).extracting(CsvRow::rowNumber, r -> r.cells().get(0)).containsExactly(
                tuple(2L, "Ann"), tuple(7L, "Bob"));
        assertThat(reader.blankRows()).isEqualTo(5);
    }
}
