package com.leadimport.domain.dedupe;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.Reason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What to do with a surviving lead that matches stored leads in scope:
 * keep existing (reject as DUPLICATE), keep new (import and remove the matches), or reset
 * older (reset the matches' call attempts; the row counts as RESET_EXISTING).
 */
public record DedupeDecision(boolean importLead, Reason reason, String message, List<ExistingLead> replace,
                             List<ExistingLead> reset) {

    public static final DedupeDecision IMPORT = new DedupeDecision(true, null, null, List.of(), List.of());

    /**
     * @param origin says where a stored lead came from, for a supervisor: " imported from
     *               weekly.csv on 3 Dec 2026" (or "" when its import is no longer known)
     */
    public static DedupeDecision decide(Dedupe.Action action, Lead lead, Dedupe.On on, Map<String, List<ExistingLead>> matches,
                                        Function<ExistingLead, String> origin) {
        List<String> keys = DedupeKeys.of(lead, on);
        Map<String, ExistingLead> found = new LinkedHashMap<>();
        for (String key : keys) {
            for (ExistingLead match : matches.getOrDefault(key, List.of())) {
                found.putIfAbsent(match.leadId(), match);
            }
        }
        if (found.isEmpty()) {
            return IMPORT;
        }
        List<ExistingLead> leads = new ArrayList<>(found.values());
        ExistingLead first = leads.get(0);
        String where = "a lead on list '" + first.list() + "'" + origin.apply(first) + " with the same " + describe(first.key(), lead);
        return switch (action) {
            case KEEP_EXISTING -> new DedupeDecision(false, Reason.DUPLICATE, "duplicate of " + where, List.of(), List.of());
            case KEEP_NEW -> new DedupeDecision(true, null, null, List.copyOf(leads), List.of());
            case RESET_OLDER -> new DedupeDecision(false, Reason.RESET_EXISTING, "call attempts reset on " + where
                    + (leads.size() > 1 ? " and on " + (leads.size() - 1) + " more lead" + (leads.size() > 2 ? "s" : "") : ""),
                    List.of(), List.copyOf(leads));
        };
    }

    /** The in-file counterpart: the row loses to row {@code winner} of the same file (spreadsheet numbering). */
    public static String inFileMessage(Dedupe.Action action, long winner) {
        return action == Dedupe.Action.KEEP_NEW
                ? "duplicate of row " + winner + " of this file, a later row (keep new keeps the last)"
                : "duplicate of row " + winner + " of this file";
    }

    /** The matching key as the row has it: its phone number as formatted, or its email. */
    private static String describe(String key, Lead lead) {
        if (key.startsWith(DedupeKeys.PHONE_PREFIX)) {
            String number = key.substring(DedupeKeys.PHONE_PREFIX.length());
            return "phone number " + lead.phones().values().stream().filter(p -> p.key().equals(number))
                    .map(FormattedPhone::display).findFirst().orElse(number);
        }
        return "email " + (lead.email() == null ? key.substring(DedupeKeys.EMAIL_PREFIX.length()) : lead.email());
    }
}
