package com.leadimport.workflow;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** A chunk's in-file duplicates as a binary file: the count, then each row and the row it duplicates. */
final class InFileLosers {

    private InFileLosers() {
    }

    static byte[] encode(Map<Long, Long> duplicateOf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 + duplicateOf.size() * 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(duplicateOf.size());
            for (Map.Entry<Long, Long> row : duplicateOf.entrySet()) {
                out.writeLong(row.getKey());
                out.writeLong(row.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return each duplicate row and the row it duplicates */
    static Map<Long, Long> decode(InputStream in) {
        try (DataInputStream data = new DataInputStream(in)) {
            int count = data.readInt();
            Map<Long, Long> rows = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                rows.put(data.readLong(), data.readLong());
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
