package com.leadimport.domain.csv;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a name in a request finds a header of the file (CONTRACT.md): ignoring case, surrounding
 * spaces and repeated inner spaces, so "first  name " finds "First Name". Used by the mapping,
 * the call info template, the secondary mapping and the file's own check for repeated headers.
 */
public final class HeaderNames {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private HeaderNames() {
    }

    /** The form two header names are compared in. */
    public static String key(String name) {
        return SPACES.matcher(name.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** Each header's column by its {@link #key}; the first column wins (a file repeats none). */
    public static Map<String, Integer> index(List<String> headers) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            index.putIfAbsent(key(headers.get(i)), i);
        }
        return index;
    }

    /** The column the name finds, or -1. */
    public static int indexOf(List<String> headers, String name) {
        String wanted = key(name);
        for (int i = 0; i < headers.size(); i++) {
            if (key(headers.get(i)).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean contains(Collection<String> headers, String name) {
        String wanted = key(name);
        return headers.stream().anyMatch(header -> key(header).equals(wanted));
    }
}
