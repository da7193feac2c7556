package com.leadimport.ports;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Do-Not-Call numbers by category, stored in E.164. */
public interface DncStore {

    List<String> DEFAULT_CATEGORIES = List.of("IVR", "Imported", "Requested");

    /** Adds numbers to a category that exists, named as {@link #category} gives it. */
    void add(String category, Collection<String> e164Numbers);

    /** Which of these numbers are on any of the categories (one batched lookup). */
    Set<String> listed(Collection<String> categories, Collection<String> numbers);

    /** The default categories and every custom one that has numbers or was created. */
    List<String> categories();

    void createCategory(String category);

    /** The category of that name, ignoring case, as it is spelt where it was created. */
    default Optional<String> category(String name) {
        return categories().stream().filter(category -> category.equalsIgnoreCase(name.strip())).findFirst();
    }

    /** What a person reads when they name a category that does not exist. */
    default String unknownCategory(String name) {
        return "there is no DNC category '" + name + "'; the categories are " + String.join(", ", categories())
                + " (create it first)";
    }
}
