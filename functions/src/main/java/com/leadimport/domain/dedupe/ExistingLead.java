package com.leadimport.domain.dedupe;

/** A stored lead that shares a dedupe key with an incoming row. */
public record ExistingLead(String leadId, String list, String key) {
}
