package com.leadimport.workflow;

import com.leadimport.domain.csv.CsvRow;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk of the upload, in a binary form only this workflow reads: a version, the file's
 * headers, then each row's number, why it is malformed (or nothing) and its cells, every
 * string as a length and UTF-8 bytes. Whatever encoding the upload had, chunks are UTF-8;
 * reading one back costs a fraction of parsing CSV again.
 */
public final class ChunkCodec {

    public static final String CONTENT_TYPE = "application/octet-stream";
    private static final int VERSION = 1;
    private static final int NULL = -1;

    private ChunkCodec() {
    }

    public static byte[] encode(List<String> headers, List<CsvRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 128 + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            writeStrings(out, headers);
            out.writeInt(rows.size());
            for (CsvRow row : rows) {
                out.writeLong(row.rowNumber());
                writeString(out, row.error());
                writeStrings(out, row.cells());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Chunk decode(InputStream stream) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 64 * 1024))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalStateException("chunk format version " + version + " is not " + VERSION);
            }
            List<String> headers = readStrings(in);
            int count = in.readInt();
            List<CsvRow> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long rowNumber = in.readLong();
                String error = readString(in);
                rows.add(new CsvRow(rowNumber, readStrings(in), error));
            }
            return new Chunk(headers, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(NULL);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            values[i] = readString(in);
        }
        return List.of(values);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == NULL) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** A decoded chunk. */
    public record Chunk(List<String> headers, List<CsvRow> rows) {
    }
}
