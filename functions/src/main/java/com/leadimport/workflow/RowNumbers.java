package com.leadimport.workflow;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A list of row numbers as a binary file (count, then each row). */
final class RowNumbers {

    private RowNumbers() {
    }

    static byte[] encode(List<Long> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 + rows.size() * 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(rows.size());
            for (long row : rows) {
                out.writeLong(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Set<Long> decode(InputStream in) {
        try (DataInputStream data = new DataInputStream(in)) {
            int count = data.readInt();
            Set<Long> rows = new HashSet<>(count * 2);
            for (int i = 0; i < count; i++) {
                rows.add(data.readLong());
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
