package com.leadimport.ports;

import java.time.Instant;
import java.util.List;

/** Who changed what, when: every change made through the wizard API. */
public interface AuditLog {

    void record(String who, String action, String detail);

    /** Newest first. */
    List<Entry> recent(int limit);

    record Entry(Instant at, String who, String action, String detail) {
    }
}
