package com.leadimport.workflow;

import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.dedupe.InFileDuplicates;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.row.Lead;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A chunk's key fingerprints as a compact binary file, per lead: row, then the fingerprints of
 * the keys this import dedupes on, then those of its other keys (count, fingerprints... each),
 * so the in-file resolution and the shared-key analysis read every chunk's keys without holding
 * any lead.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    /** @param on what the import dedupes on, or null when it does not */
    static byte[] encode(List<Lead> leads, Dedupe.On on) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(leads.size() * 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Lead lead : leads) {
                List<String> deduped = on == null ? List.of() : DedupeKeys.of(lead, on);
                List<String> others = new java.util.ArrayList<>(DedupeKeys.all(lead));
                others.removeAll(deduped);
                out.writeLong(lead.rowNumber());
                for (List<String> keys : List.of(deduped, others)) {
                    out.writeByte(keys.size());
                    for (String key : keys) {
                        out.writeLong(DedupeKeys.fingerprint(key));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Feeds every (row, fingerprints) of the stream to the visitor. */
    static void forEach(InputStream in, Visitor visitor) {
        try (DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in))) {
            while (true) {
                long row;
                try {
                    row = data.readLong();
                } catch (EOFException end) {
                    return;
                }
                long[] deduped = read(data);
                visitor.visit(row, deduped, read(data));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] read(DataInputStream data) throws IOException {
        long[] keys = new long[data.readUnsignedByte()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = data.readLong();
        }
        return keys;
    }

    static void addAll(InputStream in, InFileDuplicates duplicates) {
        forEach(in, (row, deduped, others) -> duplicates.add(row, deduped));
    }

    @FunctionalInterface
    interface Visitor {
        /** @param deduped the keys the import dedupes on; {@code others} the rest of the lead's keys */
        void visit(long row, long[] deduped, long[] others);
    }

    /** Fingerprints as a sorted array file, for membership tests by binary search. */
    static byte[] encodeSorted(long[] sorted) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(sorted.length * 8);
        buffer.asLongBuffer().put(sorted);
        return buffer.array();
    }

    static long[] decodeSorted(byte[] bytes) {
        long[] sorted = new long[bytes.length / 8];
        java.nio.ByteBuffer.wrap(bytes).asLongBuffer().get(sorted);
        return sorted;
    }
}
