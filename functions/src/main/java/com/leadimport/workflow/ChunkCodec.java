package com.leadimport.workflow;

import com.leadimport.domain.csv.CsvRow;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk of the upload, in a binary form only this workflow reads ({@link BinaryFile}): a
 * version, the file's headers, then each row's number, why it is malformed (or nothing) and its
 * cells. Whatever encoding the upload had, chunks are UTF-8; reading one back costs a fraction of
 * parsing CSV again.
 */
public final class ChunkCodec {

    public static final String CONTENT_TYPE = "application/octet-stream";
    private static final int VERSION = 2;

    private ChunkCodec() {
    }

    public static List<byte[]> encode(List<String> headers, List<CsvRow> rows) {
        BinaryFile.Writer out = new BinaryFile.Writer(rows.size() * 128 + 256);
        out.writeInt(VERSION).writeStrings(headers).writeCount(rows.size());
        for (CsvRow row : rows) {
            out.writeNumber(row.rowNumber()).writeString(row.error()).writeStrings(row.cells());
        }
        return out.parts();
    }

    public static Chunk decode(List<byte[]> bytes) {
        BinaryFile.Reader in = start(bytes);
        List<String> headers = in.readStrings();
        int count = in.readCount();
        List<CsvRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long rowNumber = in.readNumber();
            String error = in.readString();
            rows.add(new CsvRow(rowNumber, in.readStrings(), error));
        }
        return new Chunk(headers, rows);
    }

    /** The file's headers alone. */
    public static List<String> headers(List<byte[]> bytes) {
        return start(bytes).readStrings();
    }

    private static BinaryFile.Reader start(List<byte[]> bytes) {
        return new BinaryFile.Reader(bytes, "a chunk file").expectVersion(VERSION);
    }

    /** A decoded chunk. */
    public record Chunk(List<String> headers, List<CsvRow> rows) {
    }
}
