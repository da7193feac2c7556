package com.leadimport.domain.dedupe;

import com.leadimport.domain.request.Dedupe;
/**
 * The contract's in-file rule, resolved from every surviving row's key fingerprints: row r
 * is a duplicate if one of its keys also belongs to an earlier row (keep existing, reset
 * older) or a later row (keep new). Rows may be added in any order, from any chunk: the
 * answer depends only on row numbers, never on scheduling. Primitive open addressing keeps
 * a 50 MB file's keys in a few tens of MB.
 */
public final class InFileDuplicates {

    private static final long EMPTY = 0L;

    private final boolean keepNew;
    private long[] keys = new long[1 << 12];
    private long[] winners = new long[1 << 12];
    private int size;

    public InFileDuplicates(Dedupe.Action action) {
        this.keepNew = action == Dedupe.Action.KEEP_NEW;
    }

    /** Records that row {@code rowNumber} has these key fingerprints (never 0). */
    public void add(long rowNumber, long[] fingerprints) {
        for (long key : fingerprints) {
            int slot = slotOf(key);
            if (keys[slot] == EMPTY) {
                keys[slot] = key;
                winners[slot] = rowNumber;
                if (++size * 2 > keys.length) {
                    grow();
                }
            } else if (keepNew ? rowNumber > winners[slot] : rowNumber < winners[slot]) {
                winners[slot] = rowNumber;
            }
        }
    }

    /** Whether the row with these keys loses to another row of the file. Call after every row was added. */
    public boolean isDuplicate(long rowNumber, long[] fingerprints) {
        return duplicateOf(rowNumber, fingerprints) != 0;
    }

    /**
     * The row this row loses to (the first of its keys held by another row), or 0 when it is
     * not an in-file duplicate. Call after every row was added.
     */
    public long duplicateOf(long rowNumber, long[] fingerprints) {
        for (long key : fingerprints) {
            int slot = slotOf(key);
            if (keys[slot] == key && winners[slot] != rowNumber) {
                return winners[slot];
            }
        }
        return 0;
    }

    private int slotOf(long key) {
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) * 0x9E3779B9 >>> 1 & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldWinners = winners;
        keys = new long[oldKeys.length * 2];
        winners = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                winners[slot] = oldWinners[i];
            }
        }
    }
}
