package com.leadimport.workflow;

/**
 * What the workflow carries between states once an import is claimed. {@code skip} is set
 * when the event was a repeat of one already handled: the workflow then ends quietly.
 */
public record ImportJob(String importId, boolean skip) {

    public static ImportJob skipped(String importId) {
        return new ImportJob(importId, true);
    }
}
