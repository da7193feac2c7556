package com.leadimport.workflow;

import com.leadimport.ports.FileStore;
import com.leadimport.ports.LeadStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Per list, the fingerprints of at least every dedupe key of every lead on it: a sorted file in the
 * work bucket ({@code lists/<list>/key-fingerprints.bin}, outside the expiring {@code work/}). It
 * is changed only under the list's lease, by PrepareList, which adds an import's keys before
 * WriteChunks writes any of its leads; nothing else puts leads on a list, and removed leads leave
 * their fingerprints behind (a superset costs a lookup, never a missed duplicate). So a key whose
 * fingerprint is not there is on no lead of the list: it needs no lookup, and its index entry
 * none of the reads before it is written. A list that holds leads but has no file (leads stored
 * before these files were kept) is unknown: every key of an import touching it is looked up.
 */
final class ListKeys {

    private final FileStore files;
    private final String workBucket;
    private final LeadStore leads;

    ListKeys(FileStore files, String workBucket, LeadStore leads) {
        this.files = files;
        this.workBucket = workBucket;
        this.leads = leads;
    }

    static String file(String list) {
        return "lists/" + URLEncoder.encode(list, StandardCharsets.UTF_8) + "/key-fingerprints.bin";
    }

    /** The list's key fingerprints, sorted; none for a list with no leads; empty when unknown. */
    Optional<long[]> of(String list) {
        String file = file(list);
        if (files.exists(workBucket, file)) {
            return Optional.of(Fingerprints.decodeSorted(files.read(workBucket, file)));
        }
        return leads.hasLeads(list) ? Optional.empty() : Optional.of(new long[0]);
    }

    /** Once a list is emptied (Delete existing), its kept keys are none again, rather than every key it ever held. */
    void forgetIfEmpty(String list) {
        String file = file(list);
        if (files.exists(workBucket, file) && !leads.hasLeads(list)) {
            save(list, new long[0]);
        }
    }

    void save(String list, long[] sorted) {
        files.put(workBucket, file(list), Fingerprints.encodeSorted(sorted), "application/octet-stream");
    }

    /** The sorted union of two sorted arrays of distinct values. */
    static long[] union(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                out[n++] = a[i++];
            } else if (i == a.length || b[j] < a[i]) {
                out[n++] = b[j++];
            } else {
                out[n++] = a[i++];
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The values of sorted {@code a} that sorted {@code b} holds too. */
    static long[] intersection(long[] a, long[] b) {
        long[] out = new long[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (b[j] < a[i]) {
                j++;
            } else {
                out[n++] = a[i++];
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
