package com.leadimport.local.sfn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An execution's event lines, shared by its Map iterations and Parallel branches, each with its own prefix. */
final class History {

    private final List<String> events;
    private final String prefix;

    History() {
        this(Collections.synchronizedList(new ArrayList<>()), "");
    }

    private History(List<String> events, String prefix) {
        this.events = events;
        this.prefix = prefix;
    }

    /** The history of an iteration or branch: its lines start with the label. */
    History child(String label) {
        return new History(events, prefix + label + " ");
    }

    void add(String event) {
        events.add(prefix + event);
    }

    List<String> snapshot() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
