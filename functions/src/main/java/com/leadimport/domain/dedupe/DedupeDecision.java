package com.leadimport.domain.dedupe;

import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.row.Reason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to do with a surviving lead that matches stored leads in scope:
 * keep existing (reject as DUPLICATE), keep new (import and remove the matches), or reset
 * older (reset the matches' call attempts; the row counts as RESET_EXISTING).
 */
public record DedupeDecision(boolean importLead, Reason reason, String message, List<ExistingLead> replace,
                             List<ExistingLead> reset) {

    public static final DedupeDecision IMPORT = new DedupeDecision(true, null, null, List.of(), List.of());

    public static DedupeDecision decide(Dedupe.Action action, List<String> keys, Map<String, List<ExistingLead>> matches) {
        Map<String, ExistingLead> found = new LinkedHashMap<>();
        for (String key : keys) {
            for (ExistingLead lead : matches.getOrDefault(key, List.of())) {
                found.putIfAbsent(lead.leadId(), lead);
            }
        }
        if (found.isEmpty()) {
            return IMPORT;
        }
        List<ExistingLead> leads = new ArrayList<>(found.values());
        ExistingLead first = leads.get(0);
        String where = "existing lead " + first.leadId() + " on list '" + first.list() + "' (" + describe(first.key()) + ")";
        return switch (action) {
            case KEEP_EXISTING -> new DedupeDecision(false, Reason.DUPLICATE, "duplicate of " + where, List.of(), List.of());
            case KEEP_NEW -> new DedupeDecision(true, null, null, List.copyOf(leads), List.of());
            case RESET_OLDER -> new DedupeDecision(false, Reason.RESET_EXISTING, "call attempts reset on " + where
                    + (leads.size() > 1 ? " and " + (leads.size() - 1) + " more" : ""), List.of(), List.copyOf(leads));
        };
    }

    /** The in-file counterpart: the row loses to another row of the same file. */
    public static String inFileMessage(Dedupe.Action action) {
        return action == Dedupe.Action.KEEP_NEW
                ? "duplicate of a later row of this file (keep new keeps the last)"
                : "duplicate of an earlier row of this file";
    }

    private static String describe(String key) {
        return key.startsWith(DedupeKeys.PHONE_PREFIX) ? "phone " + key.substring(2) : "email " + key.substring(2);
    }
}
