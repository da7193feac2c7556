package com.leadimport.fakes;

import com.leadimport.ports.LeaseStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Leases by name: owner and expiry, all taken or none, with the global lease excluding every other. */
public final class InMemoryLeaseStore implements LeaseStore {

    private record Lease(String owner, Instant until) {
    }

    private final Map<String, Lease> leases = new TreeMap<>();

    @Override
    public synchronized boolean acquire(Set<String> names, String owner, Instant now, Instant until) {
        Map<String, String> others = held(now);
        others.values().removeIf(owner::equals);
        boolean clash = names.contains(EVERY_LIST) ? !others.isEmpty()
                : others.containsKey(EVERY_LIST) || names.stream().anyMatch(others::containsKey);
        if (clash) {
            return false;
        }
        names.forEach(name -> leases.put(name, new Lease(owner, until)));
        return true;
    }

    @Override
    public synchronized void renew(String owner, Instant until) {
        leases.replaceAll((name, lease) -> lease.owner().equals(owner) ? new Lease(owner, until) : lease);
    }

    @Override
    public synchronized void release(String owner) {
        leases.values().removeIf(lease -> lease.owner().equals(owner));
    }

    @Override
    public synchronized Map<String, String> held(Instant now) {
        Map<String, String> held = new HashMap<>();
        leases.forEach((name, lease) -> {
            if (lease.until().isAfter(now)) {
                held.put(name, lease.owner());
            }
        });
        return held;
    }
}
