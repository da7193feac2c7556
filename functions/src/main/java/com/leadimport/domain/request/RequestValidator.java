package com.leadimport.domain.request;

import com.leadimport.domain.callinfo.CallInfoTemplate;
import com.leadimport.domain.csv.HeaderNames;
import com.leadimport.domain.request.Dedupe.Scope;
import com.leadimport.domain.request.Format.FormatPreset;
import com.leadimport.domain.secondary.SecondaryValueParser;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an ImportRequest as a whole against the rules of the guide. Every problem is
 * reported, each naming its field; a request with any problem is refused and nothing is
 * imported.
 */
public final class RequestValidator {

    private RequestValidator() {
    }

    /**
     * @param fileHeaders the file's headers, or null before the file is known (header checks skipped)
     * @param today       the import date, for expiry checks
     * @throws RequestRefusedException listing every problem
     */
    public static void validate(ImportRequest request, List<String> fileHeaders, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        if (request == null) {
            throw RequestRefusedException.general("the request is empty");
        }
        Sink sink = (field, message) -> problems.add(Problem.of(field, message));
        details(request.details(), sink);
        settings(request.details(), request.settings(), today, sink);
        Set<String> headers = fileHeaders == null ? null : new HashSet<>(fileHeaders);
        mapping(request.details(), request.mapping(), headers, sink);
        callInfo(request.callInfo(), fileHeaders, sink);
        secondary(request.secondary(), headers, sink);
        limits(request, sink);
        if (!problems.isEmpty()) {
            throw new RequestRefusedException(problems);
        }
    }

    /** Where the checks report: the field's path and what is wrong with it, in words that follow its label. */
    @FunctionalInterface
    private interface Sink {
        void accept(String field, String message);
    }

    private static void details(Details details, Sink problem) {
        if (details == null) {
            problem.accept("details", "missing: the request has no details");
            return;
        }
        if (isBlank(details.list())) {
            problem.accept("details.list", "choose the destination list (required)");
        }
        if (isBlank(details.supplier())) {
            problem.accept("details.supplier", "record where the data came from, or your own company name (required)");
        }
        if (details.costPerLead() != null && details.costPerLead().signum() < 0) {
            problem.accept("details.costPerLead", "cannot be negative");
        }
    }

    private static void settings(Details details, Settings settings, LocalDate today, Sink problem) {
        if (settings == null) {
            problem.accept("settings", "missing: the request has no settings");
            return;
        }
        if (details != null && !details.adHoc() && isBlank(settings.name())) {
            problem.accept("settings.name", "name these settings to save them (required unless Ad-hoc is ticked)");
        }
        format(settings.format(), problem);
        if (settings.callingCode() != null && !settings.callingCode().matches("\\d*")) {
            problem.accept("settings.callingCode", "digits only (e.g. 0 or 44), not '" + settings.callingCode() + "'");
        }
        if (settings.dnc() != null && settings.dnc().enabled()
                && (settings.dnc().categories() == null || settings.dnc().categories().isEmpty())) {
            problem.accept("settings.dnc.categories", "tick at least one DNC category, or turn Check DNC off");
        }
        dedupe(settings.dedupe(), problem);
        TimeZoneSetting zone = settings.timeZone();
        if (zone != null && zone.isStatic()) {
            if (isBlank(zone.zone())) {
                problem.accept("settings.timeZone.zone", "choose the time zone (required when Static time zone is Yes)");
            } else {
                try {
                    ZoneId.of(zone.zone());
                } catch (DateTimeException e) {
                    problem.accept("settings.timeZone.zone", "'" + zone.zone() + "' is not a known time zone (e.g. Europe/London)");
                }
            }
        }
        expiry(settings.expiry(), today, problem);
    }

    private static void format(Format format, Sink problem) {
        if (format == null || format.preset() == null) {
            problem.accept("settings.format", "choose Default UK, International UK, International AUS, International SA or Advanced (required)");
            return;
        }
        if (format.preset() != FormatPreset.ADVANCED) {
            return;
        }
        if (format.leadingZero() == null) {
            problem.accept("settings.format.leadingZero", "choose add, remove or keep (required for Advanced)");
        }
        positive(format.minLength(), "settings.format.minLength", problem);
        positive(format.maxLength(), "settings.format.maxLength", problem);
        positive(format.truncateTo(), "settings.format.truncateTo", problem);
        if (format.minLength() != null && format.maxLength() != null && format.minLength() > format.maxLength()) {
            problem.accept("settings.format.minLength", format.minLength() + " is greater than the maximum length, " + format.maxLength());
        }
    }

    private static void dedupe(Dedupe dedupe, Sink problem) {
        if (dedupe == null || !dedupe.enabled()) {
            return;
        }
        if (dedupe.on() == null) {
            problem.accept("settings.dedupe.on", "choose phone numbers, email addresses or both (required when deduplicating)");
        }
        if (dedupe.action() == null) {
            problem.accept("settings.dedupe.action", "choose keep existing, keep new or reset older (required when deduplicating)");
        }
        boolean additional = dedupe.additionalLists() != null && !dedupe.additionalLists().isEmpty();
        if (dedupe.scope() == null) {
            problem.accept("settings.dedupe.scope", "choose file uploaded, global or lists (required when deduplicating)");
        } else if (dedupe.scope() == Scope.LISTS && !dedupe.destinationList() && !additional) {
            problem.accept("settings.dedupe.scope", "dedupe against the destination list, additional lists, or both");
        } else if (dedupe.scope() != Scope.LISTS && (dedupe.destinationList() || additional)) {
            problem.accept("settings.dedupe.scope", (dedupe.scope() == Scope.GLOBAL ? "Global (entire database)" : "File uploaded")
                    + " cannot be combined with the destination list or additional lists");
        }
        if (additional && dedupe.additionalLists().stream().anyMatch(RequestValidator::isBlank)) {
            problem.accept("settings.dedupe.additionalLists", "a list name is blank");
        }
    }

    private static void expiry(Expiry expiry, LocalDate today, Sink problem) {
        if (expiry == null || !expiry.enabled()) {
            return;
        }
        if (expiry.option() == null) {
            problem.accept("settings.expiry.option", "choose on a date or in a number of days (required when import expiry is on)");
        } else if (expiry.option() == Expiry.Option.ON_DATE) {
            if (expiry.onDate() == null) {
                problem.accept("settings.expiry.onDate", "set the date the data expires (required)");
            } else if (expiry.onDate().isBefore(today)) {
                problem.accept("settings.expiry.onDate", expiry.onDate() + " is in the past");
            }
        } else if (expiry.inDays() == null || expiry.inDays() < 1) {
            problem.accept("settings.expiry.inDays", "must be 1 or more");
        }
    }

    private static void mapping(Details details, Mapping mapping, Set<String> headers, Sink problem) {
        if (mapping == null || mapping.fields() == null || mapping.fields().isEmpty()) {
            problem.accept("mapping.fields", "map at least one phone number or email address");
            return;
        }
        if (details != null && !details.adHoc() && isBlank(mapping.name())) {
            problem.accept("mapping.name", "name this mapping to save it (required unless Ad-hoc is ticked)");
        }
        boolean contact = false;
        for (Map.Entry<LeadField, FieldMapping> entry : mapping.fields().entrySet()) {
            String field = "mapping.fields." + entry.getKey().jsonName();
            boolean mapped = headersOf(entry.getValue(), field, headers, problem);
            contact |= mapped && (entry.getKey().isPhone() || entry.getKey() == LeadField.EMAIL);
        }
        if (!contact) {
            problem.accept("mapping.fields", "map at least one phone number (Phone 1, Phone 2, Phone 3) or Email");
        }
    }

    private static void callInfo(CallInfo callInfo, List<String> headers, Sink problem) {
        if (callInfo == null || isBlank(callInfo.template()) || headers == null) {
            return;
        }
        for (String unknown : CallInfoTemplate.unknownPlaceholders(callInfo.template(), headers)) {
            problem.accept("callInfo.template", "{" + unknown + "} is not a header of the file");
        }
    }

    private static void secondary(Secondary secondary, Set<String> headers, Sink problem) {
        if (secondary == null || secondary.fields() == null || secondary.fields().isEmpty()) {
            return;
        }
        if (isBlank(secondary.table())) {
            problem.accept("secondary.table", "choose the data table (required when secondary fields are mapped)");
        }
        for (Map.Entry<String, SecondaryFieldMapping> entry : secondary.fields().entrySet()) {
            String field = "secondary.fields." + entry.getKey();
            SecondaryFieldMapping mapping = entry.getValue();
            if (isBlank(entry.getKey())) {
                problem.accept("secondary.fields", "a field name is blank");
            }
            if (mapping == null) {
                problem.accept(field, "has no headers and no data type");
                continue;
            }
            if (mapping.type() == null) {
                problem.accept(field + ".type", "choose a data type: the table does not have this field yet");
            } else {
                // a bad default would reject every row with a blank cell: refuse the request instead
                SecondaryValueParser.defaultProblem(mapping.type(), mapping.defaultValue())
                        .ifPresent(p -> problem.accept(field + ".default", "default value " + p));
            }
            headersOf(new FieldMapping(mapping.headers(), mapping.separator()), field, headers, problem);
        }
    }

    /** Every name and text within the lengths DynamoDB can hold ({@link Limits}); names free of control characters. */
    private static void limits(ImportRequest request, Sink problem) {
        Details details = request.details();
        if (details != null) {
            name("details.list", details.list(), problem);
            name("details.supplier", details.supplier(), problem);
            text("details.notes", details.notes(), Limits.TEMPLATE, problem);
        }
        Settings settings = request.settings();
        if (settings != null) {
            name("settings.name", settings.name(), problem);
            name("settings.defaultSkillGroup", settings.defaultSkillGroup(), problem);
            text("settings.callingCode", settings.callingCode(), 4, problem);
            if (settings.timeZone() != null) {
                name("settings.timeZone.zone", settings.timeZone().zone(), problem);
            }
            if (settings.dnc() != null && settings.dnc().categories() != null) {
                names("settings.dnc.categories", settings.dnc().categories(), problem);
            }
            if (settings.dedupe() != null && settings.dedupe().additionalLists() != null) {
                names("settings.dedupe.additionalLists", settings.dedupe().additionalLists(), problem);
            }
        }
        Mapping mapping = request.mapping();
        if (mapping != null) {
            name("mapping.name", mapping.name(), problem);
            if (mapping.fields() != null) {
                mapping.fields().forEach((field, fieldMapping) -> headerLimits("mapping.fields." + field.jsonName(),
                        fieldMapping == null ? null : fieldMapping.headers(),
                        fieldMapping == null ? null : fieldMapping.separator(), problem));
            }
        }
        if (request.callInfo() != null) {
            text("callInfo.template", request.callInfo().template(), Limits.TEMPLATE, problem);
        }
        Secondary secondary = request.secondary();
        if (secondary != null) {
            name("secondary.table", secondary.table(), problem);
            if (secondary.fields() != null) {
                secondary.fields().forEach((fieldName, field) -> {
                    name("secondary.fields." + abbreviated(fieldName), fieldName, problem);
                    if (field != null) {
                        String where = "secondary.fields." + abbreviated(fieldName);
                        headerLimits(where, field.headers(), field.separator(), problem);
                        text(where + ".default", field.defaultValue(), Limits.VALUE, problem);
                        text(where + ".description", field.description(), Limits.VALUE, problem);
                    }
                });
            }
        }
    }

    private static void headerLimits(String where, List<String> headers, String separator, Sink problem) {
        if (headers != null) {
            for (int i = 0; i < headers.size(); i++) {
                text(where + ".headers[" + i + "]", headers.get(i), Limits.HEADER, problem);
            }
        }
        text(where + ".separator", separator, Limits.VALUE, problem);
    }

    private static void names(String where, List<String> values, Sink problem) {
        for (int i = 0; i < values.size(); i++) {
            name(where + "[" + i + "]", values.get(i), problem);
        }
    }

    private static void name(String where, String value, Sink problem) {
        Limits.nameProblem(value).ifPresent(p -> problem.accept(where, p));
    }

    private static void text(String where, String value, int max, Sink problem) {
        Limits.textProblem(value, max).ifPresent(p -> problem.accept(where, p));
    }

    /** A name as a message quotes it: the first 40 characters of a long one. */
    private static String abbreviated(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }

    /** @return whether the mapping names at least one header (problems reported for unknown ones) */
    private static boolean headersOf(FieldMapping mapping, String field, Set<String> headers, Sink problem) {
        if (mapping == null || mapping.headers() == null || mapping.headers().isEmpty()) {
            problem.accept(field + ".headers", "name at least one header");
            return false;
        }
        for (String header : mapping.headers()) {
            if (isBlank(header)) {
                problem.accept(field + ".headers", "a header is blank");
            } else if (headers != null && !HeaderNames.contains(headers, header)) {
                problem.accept(field + ".headers", "'" + header + "' is not a header of the file");
            }
        }
        return true;
    }

    private static void positive(Integer value, String field, Sink problem) {
        if (value != null && value < 1) {
            problem.accept(field, "must be 1 or more, not " + value);
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
