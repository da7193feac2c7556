package com.leadimport.workflow;

import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.ports.LeaseStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leases an import holds while it changes lists: from taking them (before Delete existing
 * records, after the file has been read whole) until it has finished or failed. Lease names: the
 * destination list, and the lists the dedupe scope reads, or every list for a global scope. The
 * owner is the import; each step that writes renews them, so only an execution that stopped
 * working lets them lapse.
 */
public final class ListLeases {

    /** Long enough for the slowest step between two renewals (a Lambda runs 15 minutes at most). */
    static final Duration TTL = Duration.ofMinutes(20);

    private final LeaseStore leases;
    private final Clock clock;

    public ListLeases(LeaseStore leases, Clock clock) {
        this.leases = leases;
        this.clock = clock;
    }

    /** The leases an import's request needs. */
    static Set<String> namesFor(ImportRequest request) {
        Set<String> names = new TreeSet<>();
        names.add(request.details().list());
        Dedupe dedupe = request.settings().dedupe();
        if (dedupe != null && dedupe.enabled()) {
            switch (dedupe.scope()) {
                case GLOBAL -> names.add(LeaseStore.EVERY_LIST);
                case LISTS -> {
                    if (dedupe.additionalLists() != null) {
                        names.addAll(dedupe.additionalLists());
                    }
                }
                default -> {
                }
            }
        }
        return names;
    }

    LeaseResult take(String importId, ImportRequest request) {
        Set<String> names = namesFor(request);
        if (leases.acquire(names, importId, clock.instant(), clock.instant().plus(TTL))) {
            return new LeaseResult(importId, true, List.of());
        }
        List<String> busy = new ArrayList<>();
        for (Map.Entry<String, String> held : leases.held(clock.instant()).entrySet()) {
            if (!held.getValue().equals(importId) && (names.contains(held.getKey()) || held.getKey().equals(LeaseStore.EVERY_LIST)
                    || names.contains(LeaseStore.EVERY_LIST))) {
                busy.add(held.getKey());
            }
        }
        return new LeaseResult(importId, false, busy);
    }

    void renew(String importId) {
        leases.renew(importId, clock.instant().plus(TTL));
    }

    void release(String importId) {
        leases.release(importId);
    }

    /** For the purge: the one list's lease, for a short while. @return false when an import holds it */
    boolean takeForPurge(String owner, String list) {
        return leases.acquire(Set.of(list), owner, clock.instant(), clock.instant().plus(TTL));
    }
}
