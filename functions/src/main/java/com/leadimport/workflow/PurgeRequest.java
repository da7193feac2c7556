package com.leadimport.workflow;

import java.time.LocalDate;

/** The purge's input: the date to purge as of, or null for today in the purge's zone. */
public record PurgeRequest(LocalDate date) {
}
