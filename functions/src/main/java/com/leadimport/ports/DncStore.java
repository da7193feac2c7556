package com.leadimport.ports;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Do-Not-Call numbers by category, stored in E.164. */
public interface DncStore {

    List<String> DEFAULT_CATEGORIES = List.of("IVR", "Imported", "Requested");

    void add(String category, Collection<String> e164Numbers);

    /** Which of these numbers are on any of the categories (one batched lookup). */
    Set<String> listed(Collection<String> categories, Collection<String> numbers);

    /** The default categories and every custom one that has numbers or was created. */
    List<String> categories();

    void createCategory(String category);
}
