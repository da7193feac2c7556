package com.leadimport.fakes;

import com.leadimport.ports.DialerBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Buffered lead ids per list, in lead id order as BufferTable returns them. Shared with
 * {@link InMemoryLeadStore}, as the table is: a removed lead leaves the buffer too.
 */
public final class InMemoryDialerBuffer implements DialerBuffer {

    private final Map<String, Set<String>> byList = new HashMap<>();

    @Override
    public synchronized void add(String list, Collection<String> leadIds) {
        byList.computeIfAbsent(list, l -> new TreeSet<>()).addAll(leadIds);
    }

    @Override
    public synchronized List<String> contents(String list) {
        return List.copyOf(byList.getOrDefault(list, Set.of()));
    }

    @Override
    public synchronized int clear(String list) {
        Set<String> removed = byList.remove(list);
        return removed == null ? 0 : removed.size();
    }

    synchronized void remove(String list, String leadId) {
        Set<String> ids = byList.get(list);
        if (ids != null) {
            ids.remove(leadId);
        }
    }
}
