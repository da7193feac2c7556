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
 * A chunk's dedupe key fingerprints as a compact binary file (row, count, fingerprints...), so
 * the in-file resolution reads every chunk's keys without holding any lead.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    static byte[] encode(List<Lead> leads, Dedupe.On on) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(leads.size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Lead lead : leads) {
                List<String> keys = DedupeKeys.of(lead, on);
                out.writeLong(lead.rowNumber());
                out.writeByte(keys.size());
                for (String key : keys) {
                    out.writeLong(DedupeKeys.fingerprint(key));
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
                long[] keys = new long[data.readUnsignedByte()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = data.readLong();
                }
                visitor.visit(row, keys);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void addAll(InputStream in, InFileDuplicates duplicates) {
        forEach(in, duplicates::add);
    }

    @FunctionalInterface
    interface Visitor {
        void visit(long row, long[] fingerprints);
    }
}
