package com.leadimport.domain.dedupe;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.row.Lead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The identities of a lead for deduplication: each formatted phone number ({@code P#} + E.164,
 * or the display digits when no E.164 is known) and the lower-cased email ({@code E#} + email).
 */
public final class DedupeKeys {

    public static final String PHONE_PREFIX = "P#";
    public static final String EMAIL_PREFIX = "E#";

    private DedupeKeys() {
    }

    /** The keys of a lead that deduplication compares on. */
    public static List<String> of(Lead lead, Dedupe.On on) {
        List<String> keys = new ArrayList<>(4);
        if (on == Dedupe.On.PHONE || on == Dedupe.On.BOTH) {
            for (FormattedPhone phone : lead.phones().values()) {
                String key = PHONE_PREFIX + phone.key();
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        if ((on == Dedupe.On.EMAIL || on == Dedupe.On.BOTH) && lead.email() != null) {
            keys.add(EMAIL_PREFIX + lead.email().toLowerCase(Locale.ROOT));
        }
        return keys;
    }

    /** Of a lead's keys ({@link #all}, in its order), those deduplication compares on: {@code of(lead, on)}. */
    public static List<String> on(List<String> all, Dedupe.On on) {
        if (on == Dedupe.On.BOTH) {
            return all;
        }
        String prefix = on == Dedupe.On.PHONE ? PHONE_PREFIX : EMAIL_PREFIX;
        List<String> keys = new ArrayList<>(all.size());
        for (String key : all) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Every key of a lead, whatever this import dedupes on: what the index stores for later imports. */
    public static List<String> all(Lead lead) {
        return of(lead, Dedupe.On.BOTH);
    }

    /**
     * A 64-bit identity for the in-file resolution, which must hold every key of a 50 MB file
     * in little memory. Well-formed E.164 numbers are encoded exactly; other keys are hashed
     * (a collision needs two of ~10^6 keys to share 64 bits: odds below 1 in 10^7 per file).
     */
    public static long fingerprint(String key) {
        long exact = key.startsWith(PHONE_PREFIX + "+") ? exactNumber(key, 3) : 0;
        return exact != 0 ? exact : hashed(hash(SEED, key));
    }

    /** {@code fingerprint(PHONE_PREFIX + phone.key())}, without making the key. */
    public static long phoneFingerprint(FormattedPhone phone) {
        String key = phone.key();
        long exact = key.startsWith("+") ? exactNumber(key, 1) : 0;
        return exact != 0 ? exact : hashed(hash(hash(SEED, PHONE_PREFIX), key));
    }

    /** The E.164 digits from {@code from} on as the number itself (bit 62 set), or 0 when they are not 1-17 digits. */
    private static long exactNumber(String key, int from) {
        return key.length() - from <= 17 && allDigits(key, from) ? Long.parseLong(key, from, key.length(), 10) | (1L << 62) : 0;
    }

    /** {@code fingerprint(EMAIL_PREFIX + email.toLowerCase(Locale.ROOT))}: the email's key's. */
    public static long emailFingerprint(String email) {
        return fingerprint(EMAIL_PREFIX + email.toLowerCase(Locale.ROOT));
    }

    private static final long SEED = 0x9E3779B97F4A7C15L;

    /** The hash so far ({@code h}) carried on over the characters. */
    private static long hash(long h, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            h = (h ^ chars.charAt(i)) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        return h;
    }

    private static long hashed(long h) {
        return (mix(h) & ~(3L << 62)) | (1L << 63);
    }

    private static boolean allDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
