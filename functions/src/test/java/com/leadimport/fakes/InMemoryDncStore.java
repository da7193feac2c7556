package com.leadimport.fakes;

import com.leadimport.ports.DncStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * DNC numbers per category. Counts {@link #listed} calls, so a test can hold a step to its
 * promise of one batched lookup per chunk.
 */
public final class InMemoryDncStore implements DncStore {

    private final Map<String, Set<String>> numbersByCategory = new HashMap<>();
    private final Set<String> customCategories = new TreeSet<>();
    private int lookups;

    @Override
    public synchronized void add(String category, Collection<String> e164Numbers) {
        numbersByCategory.computeIfAbsent(category, c -> new HashSet<>()).addAll(e164Numbers);
    }

    @Override
    public synchronized Set<String> listed(Collection<String> categories, Collection<String> numbers) {
        lookups++;
        Set<String> listed = new HashSet<>();
        for (String category : categories) {
            Set<String> onCategory = numbersByCategory.getOrDefault(category, Set.of());
            numbers.stream().filter(onCategory::contains).forEach(listed::add);
        }
        return listed;
    }

    @Override
    public synchronized List<String> categories() {
        List<String> categories = new ArrayList<>(DEFAULT_CATEGORIES);
        customCategories.stream().filter(c -> !categories.contains(c)).forEach(categories::add);
        return categories;
    }

    @Override
    public synchronized void createCategory(String category) {
        customCategories.add(category);
    }

    /** How many times {@link #listed} was called. */
    public synchronized int lookups() {
        return lookups;
    }
}
