package com.leadimport.workflow;

import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.dedupe.InFileDuplicates;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.row.Lead;
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
        BinaryFile.Writer out = new BinaryFile.Writer(leads.size() * 32);
        for (Lead lead : leads) {
            List<String> all = DedupeKeys.all(lead);
            List<String> deduped = on == null ? List.of() : DedupeKeys.on(all, on);
            out.writeLong(lead.rowNumber()).writeByte(deduped.size());
            for (String key : deduped) {
                out.writeLong(DedupeKeys.fingerprint(key));
            }
            out.writeByte(all.size() - deduped.size());
            for (String key : all) {
                if (!deduped.contains(key)) {
                    out.writeLong(DedupeKeys.fingerprint(key));
                }
            }
        }
        return out.toByteArray();
    }

    /** Feeds every (row, fingerprints) of the file to the visitor. */
    static void forEach(byte[] file, Visitor visitor) {
        BinaryFile.Reader in = new BinaryFile.Reader(file, "a key fingerprints file");
        while (in.hasMore()) {
            long row = in.readLong();
            long[] deduped = in.readLongs(in.readUnsignedByte());
            visitor.visit(row, deduped, in.readLongs(in.readUnsignedByte()));
        }
    }

    static void addAll(byte[] file, InFileDuplicates duplicates) {
        forEach(file, (row, deduped, others) -> duplicates.add(row, deduped));
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
