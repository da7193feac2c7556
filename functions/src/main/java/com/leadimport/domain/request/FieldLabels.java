package com.leadimport.domain.request;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one source of the wizard's stage names and field labels, in the guide's words, by the
 * request's field paths (and, for the routes beside the request, their subject and field:
 * {@code list.name}, {@code table.fields[0].type}): messages are placed and worded from it,
 * and the console reads it (GET /api/labels) for its own labels.
 */
public final class FieldLabels {

    /** The stage of each top-level part of the request (the file is chosen on Details). */
    public static final Map<String, String> STAGES = ordered(
            "file", "Details", "details", "Details", "settings", "Settings", "mapping", "Lead Mapping",
            "callInfo", "Call Info", "secondary", "Secondary Mapping",
            // the routes beside the request: lists (Details), DNC categories (Settings), contact data tables
            "list", "Details", "dnc", "Settings", "skillGroup", "Settings", "table", "Secondary Mapping",
            // chosen on Details, beside the file, though the request keeps it with the settings
            "settings.delimiter", "Details");

    /** Each field's label; a path without one of its own takes its nearest parent's. */
    public static final Map<String, String> FIELDS = ordered(
            "file", "File",
            "details.notes", "Notes", "details.list", "List", "details.supplier", "Supplier",
            "details.costPerLead", "Cost per lead", "details.adHoc", "Ad-hoc",
            "settings.name", "Name", "settings.myDefault", "My default", "settings.format", "Format",
            "settings.format.leadingZero", "Leading zero", "settings.format.removeNonDigits", "Remove non-digits",
            "settings.format.minLength", "Minimum length", "settings.format.maxLength", "Maximum length",
            "settings.format.truncateTo", "Truncate to", "settings.callingCode", "Calling code",
            "settings.deleteExisting", "Delete existing records", "settings.validateEmails", "Validate email addresses",
            "settings.dnc", "Check DNC", "settings.dnc.categories", "DNC categories",
            "settings.dedupe", "Deduplication", "settings.dedupe.on", "Check for duplicate",
            "settings.dedupe.scope", "Scope", "settings.dedupe.additionalLists", "Additional lists",
            "settings.dedupe.action", "Action", "settings.defaultSkillGroup", "Default Skill Group",
            "settings.clearFetchedData", "Clear Fetched Data", "settings.timeZone", "Static time zone",
            "settings.timeZone.zone", "Define time zone", "settings.expiry", "Enable import expiry",
            "settings.expiry.option", "Expire option", "settings.expiry.onDate", "Expire on date",
            "settings.expiry.inDays", "Expire in days", "settings.delimiter", "Columns separated by",
            "mapping.name", "Mapping name", "mapping.fields", "Lead fields",
            "callInfo.template", "Preview call info",
            "secondary.table", "Data table", "secondary.fields", "Secondary fields",
            "list.name", "List name", "list.from", "List to clone",
            "skillGroup.name", "Skill group", "dnc.name", "DNC category", "dnc.category", "DNC category", "dnc.numbers", "Numbers",
            "table.name", "Table name", "table.fields", "Fields", "table.fields.name", "Field name",
            "table.fields.description", "Field description", "table.fields.type", "Data type",
            "table.fields.default", "Default value");

    private FieldLabels() {
    }

    /** The stage a field is entered on, or null for a path outside the request. */
    public static String stage(String path) {
        return path == null ? null : STAGES.getOrDefault(path, STAGES.get(path.split("[.\\[]", 2)[0]));
    }

    /**
     * The field's label: a lead field's ("First name") under {@code mapping.fields}, a secondary
     * field's own name under {@code secondary.fields}, else the nearest labelled path.
     */
    public static String label(String path) {
        if (path == null) {
            return null;
        }
        String plain = path.replaceAll("\\[\\d+]", "");
        if (plain.startsWith("mapping.fields.")) {
            LeadField field = LeadField.byJsonName(plain.substring("mapping.fields.".length()).split("\\.", 2)[0]);
            if (field != null) {
                return field.label();
            }
        }
        if (plain.startsWith("secondary.fields.")) {
            String name = plain.substring("secondary.fields.".length());
            return name.replaceAll("\\.(headers|separator|type|default|description)$", "");
        }
        for (String prefix = plain; !prefix.isEmpty(); prefix = prefix.contains(".") ? prefix.substring(0, prefix.lastIndexOf('.')) : "") {
            if (FIELDS.containsKey(prefix)) {
                return FIELDS.get(prefix);
            }
        }
        return null;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
