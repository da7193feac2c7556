package com.leadimport.workflow;

import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.dedupe.InFileDuplicates;
import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.LeadField;
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

    /**
     * @param on what the import dedupes on, or null when it does not. The keys are
     *           {@link DedupeKeys#all}'s, in its order (distinct phones, then the email), each
     *           fingerprinted without its key string being made.
     */
    static byte[] encode(List<Lead> leads, Dedupe.On on) {
        BinaryFile.Writer out = new BinaryFile.Writer(leads.size() * 32);
        boolean phonesCompared = on == Dedupe.On.PHONE || on == Dedupe.On.BOTH;
        boolean emailCompared = on == Dedupe.On.EMAIL || on == Dedupe.On.BOTH;
        long[] phones = new long[LeadField.PHONES.size()];
        String[] phoneKeys = new String[LeadField.PHONES.size()];
        for (Lead lead : leads) {
            int count = 0;
            for (FormattedPhone phone : lead.phones().values()) {
                if (!contains(phoneKeys, count, phone.key())) {
                    phoneKeys[count] = phone.key();
                    phones[count++] = DedupeKeys.phoneFingerprint(phone);
                }
            }
            boolean hasEmail = lead.email() != null;
            long email = hasEmail ? DedupeKeys.emailFingerprint(lead.email()) : 0;
            int compared = (phonesCompared ? count : 0) + (emailCompared && hasEmail ? 1 : 0);
            out.writeLong(lead.rowNumber()).writeByte(compared);
            writeKeys(out, phonesCompared, phones, count, emailCompared && hasEmail, email);
            out.writeByte(count + (hasEmail ? 1 : 0) - compared);
            writeKeys(out, !phonesCompared, phones, count, !emailCompared && hasEmail, email);
        }
        return out.toByteArray();
    }

    private static void writeKeys(BinaryFile.Writer out, boolean writePhones, long[] phones, int count, boolean writeEmail, long email) {
        for (int i = 0; writePhones && i < count; i++) {
            out.writeLong(phones[i]);
        }
        if (writeEmail) {
            out.writeLong(email);
        }
    }

    private static boolean contains(String[] keys, int count, String key) {
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return true;
            }
        }
        return false;
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
