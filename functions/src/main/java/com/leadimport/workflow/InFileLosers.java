package com.leadimport.workflow;

import java.util.HashMap;
import java.util.Map;

/** A chunk's in-file duplicates as a binary file: the count, then each row and the row it duplicates. */
final class InFileLosers {

    private InFileLosers() {
    }

    static byte[] encode(Map<Long, Long> duplicateOf) {
        BinaryFile.Writer out = new BinaryFile.Writer(4 + duplicateOf.size() * 16);
        out.writeInt(duplicateOf.size());
        duplicateOf.forEach((row, original) -> out.writeLong(row).writeLong(original));
        return out.toByteArray();
    }

    /** @return each duplicate row and the row it duplicates */
    static Map<Long, Long> decode(byte[] file) {
        BinaryFile.Reader in = new BinaryFile.Reader(file, "an in-file duplicates file");
        int count = in.readInt();
        Map<Long, Long> rows = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            rows.put(in.readLong(), in.readLong());
        }
        return rows;
    }
}
