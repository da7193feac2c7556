package com.leadimport.workflow;

import java.time.LocalDate;

/**
 * The purge's input: the date to purge as of (null for today in the purge's zone) and what the
 * run's earlier calls removed (null on the first).
 */
public record PurgeRequest(LocalDate date, Purged purged) {

    /** What a purge run has removed so far: imports wholly purged, their leads, and the leads' callbacks. */
    public record Purged(long imports, long leads, long callbacks) {

        public static final Purged NONE = new Purged(0, 0, 0);

        public Purged plus(PurgeExpiredImports.PurgeResult call) {
            return new Purged(imports + call.importsPurged(), leads + call.leadsRemoved(), callbacks + call.callbacksRemoved());
        }
    }

    /** A call's answer to the state machine: where the run stands, and its totals so far. */
    public record Progress(LocalDate date, boolean complete, boolean waiting, Purged purged) {
    }
}
