package com.leadimport.domain.row;

import java.util.EnumMap;
import java.util.Map;

/**
 * Running counts of row outcomes. The total is derived from the parts, never stored
 * beside them, so imported + rejected = total cannot drift.
 */
public final class OutcomeCounts {

    private long imported;
    private final EnumMap<Reason, Long> rejected = new EnumMap<>(Reason.class);

    public void count(RowOutcome outcome) {
        if (outcome instanceof RowOutcome.Rejected r) {
            rejected(r.reason(), 1);
        } else {
            imported++;
        }
    }

    public void rejected(Reason reason, long n) {
        rejected.merge(reason, n, Long::sum);
    }

    public void imported(long n) {
        imported += n;
    }

    public void add(OutcomeCounts other) {
        imported += other.imported;
        other.rejected.forEach(this::rejected);
    }

    public long imported() {
        return imported;
    }

    public long rejected() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long total() {
        return imported + rejected();
    }

    public Map<Reason, Long> rejectedByReason() {
        return new EnumMap<>(rejected);
    }
}
