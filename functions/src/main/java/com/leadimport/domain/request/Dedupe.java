package com.leadimport.domain.request;

import java.util.List;

/** Deduplication: what counts as the same lead, where to look, and what to do about it. */
public record Dedupe(boolean enabled, On on, Scope scope, boolean destinationList, List<String> additionalLists,
                     Action action) {

    public enum On { PHONE, EMAIL, BOTH }

    /** {@code FILE}: the file only. {@code GLOBAL}: every list. {@code LISTS}: destination and/or additional lists. */
    public enum Scope { FILE, GLOBAL, LISTS }

    public enum Action { KEEP_EXISTING, KEEP_NEW, RESET_OLDER }
}
