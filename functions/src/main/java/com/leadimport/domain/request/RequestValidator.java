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
import java.util.function.Consumer;

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
        List<String> problems = new ArrayList<>();
        if (request == null) {
            throw new RequestRefusedException(List.of("request is empty"));
        }
        details(request.details(), problems::add);
        settings(request.details(), request.settings(), today, problems::add);
        Set<String> headers = fileHeaders == null ? null : new HashSet<>(fileHeaders);
        mapping(request.details(), request.mapping(), headers, problems::add);
        callInfo(request.callInfo(), fileHeaders, problems::add);
        secondary(request.secondary(), headers, problems::add);
        limits(request, problems::add);
        if (!problems.isEmpty()) {
            throw new RequestRefusedException(problems);
        }
    }

    private static void details(Details details, Consumer<String> problem) {
        if (details == null) {
            problem.accept("details is required");
            return;
        }
        if (isBlank(details.list())) {
            problem.accept("details.list is required: choose the destination list");
        }
        if (isBlank(details.supplier())) {
            problem.accept("details.supplier is required: record where the data came from (or your own company name)");
        }
        if (details.costPerLead() != null && details.costPerLead().signum() < 0) {
            problem.accept("details.costPerLead cannot be negative");
        }
    }

    private static void settings(Details details, Settings settings, LocalDate today, Consumer<String> problem) {
        if (settings == null) {
            problem.accept("settings is required");
            return;
        }
        if (details != null && !details.adHoc() && isBlank(settings.name())) {
            problem.accept("settings.name is required unless details.adHoc is true: the settings are saved under it");
        }
        format(settings.format(), problem);
        if (settings.callingCode() != null && !settings.callingCode().matches("\\d*")) {
            problem.accept("settings.callingCode must be digits only (e.g. 0 or 44), got '" + settings.callingCode() + "'");
        }
        if (settings.dnc() != null && settings.dnc().enabled()
                && (settings.dnc().categories() == null || settings.dnc().categories().isEmpty())) {
            problem.accept("settings.dnc.categories: tick at least one DNC category, or turn DNC checking off");
        }
        dedupe(settings.dedupe(), problem);
        TimeZoneSetting zone = settings.timeZone();
        if (zone != null && zone.isStatic()) {
            if (isBlank(zone.zone())) {
                problem.accept("settings.timeZone.zone is required when the time zone is static");
            } else {
                try {
                    ZoneId.of(zone.zone());
                } catch (DateTimeException e) {
                    problem.accept("settings.timeZone.zone '" + zone.zone() + "' is not a known time zone (e.g. Europe/London)");
                }
            }
        }
        expiry(settings.expiry(), today, problem);
    }

    private static void format(Format format, Consumer<String> problem) {
        if (format == null || format.preset() == null) {
            problem.accept("settings.format.preset is required (DEFAULT_UK, INTERNATIONAL_UK, INTERNATIONAL_AUS, INTERNATIONAL_SA or ADVANCED)");
            return;
        }
        if (format.preset() != FormatPreset.ADVANCED) {
            return;
        }
        if (format.leadingZero() == null) {
            problem.accept("settings.format.leadingZero is required for ADVANCED (ADD, REMOVE or KEEP)");
        }
        positive(format.minLength(), "settings.format.minLength", problem);
        positive(format.maxLength(), "settings.format.maxLength", problem);
        positive(format.truncateTo(), "settings.format.truncateTo", problem);
        if (format.minLength() != null && format.maxLength() != null && format.minLength() > format.maxLength()) {
            problem.accept("settings.format.minLength (" + format.minLength() + ") is greater than maxLength (" + format.maxLength() + ")");
        }
    }

    private static void dedupe(Dedupe dedupe, Consumer<String> problem) {
        if (dedupe == null || !dedupe.enabled()) {
            return;
        }
        if (dedupe.on() == null) {
            problem.accept("settings.dedupe.on is required when deduplication is on (PHONE, EMAIL or BOTH)");
        }
        if (dedupe.action() == null) {
            problem.accept("settings.dedupe.action is required when deduplication is on (KEEP_EXISTING, KEEP_NEW or RESET_OLDER)");
        }
        boolean additional = dedupe.additionalLists() != null && !dedupe.additionalLists().isEmpty();
        if (dedupe.scope() == null) {
            problem.accept("settings.dedupe.scope is required when deduplication is on (FILE, GLOBAL or LISTS)");
        } else if (dedupe.scope() == Scope.LISTS && !dedupe.destinationList() && !additional) {
            problem.accept("settings.dedupe.scope LISTS needs destinationList and/or additionalLists");
        } else if (dedupe.scope() != Scope.LISTS && (dedupe.destinationList() || additional)) {
            problem.accept("settings.dedupe.scope " + dedupe.scope()
                    + " cannot be combined with destinationList or additionalLists (those belong to scope LISTS)");
        }
        if (additional && dedupe.additionalLists().stream().anyMatch(RequestValidator::isBlank)) {
            problem.accept("settings.dedupe.additionalLists has a blank list name");
        }
    }

    private static void expiry(Expiry expiry, LocalDate today, Consumer<String> problem) {
        if (expiry == null || !expiry.enabled()) {
            return;
        }
        if (expiry.option() == null) {
            problem.accept("settings.expiry.option is required when expiry is on (ON_DATE or IN_DAYS)");
        } else if (expiry.option() == Expiry.Option.ON_DATE) {
            if (expiry.onDate() == null) {
                problem.accept("settings.expiry.onDate is required for ON_DATE (yyyy-MM-dd)");
            } else if (expiry.onDate().isBefore(today)) {
                problem.accept("settings.expiry.onDate " + expiry.onDate() + " is in the past");
            }
        } else if (expiry.inDays() == null || expiry.inDays() < 1) {
            problem.accept("settings.expiry.inDays must be 1 or more for IN_DAYS");
        }
    }

    private static void mapping(Details details, Mapping mapping, Set<String> headers, Consumer<String> problem) {
        if (mapping == null || mapping.fields() == null || mapping.fields().isEmpty()) {
            problem.accept("mapping.fields: map at least one phone number or email address");
            return;
        }
        if (details != null && !details.adHoc() && isBlank(mapping.name())) {
            problem.accept("mapping.name is required unless details.adHoc is true: the mapping is saved under it");
        }
        boolean contact = false;
        for (Map.Entry<LeadField, FieldMapping> entry : mapping.fields().entrySet()) {
            String field = "mapping.fields." + entry.getKey().jsonName();
            boolean mapped = headersOf(entry.getValue(), field, headers, problem);
            contact |= mapped && (entry.getKey().isPhone() || entry.getKey() == LeadField.EMAIL);
        }
        if (!contact) {
            problem.accept("mapping.fields: map at least one phone number (phone1, phone2, phone3) or email address");
        }
    }

    private static void callInfo(CallInfo callInfo, List<String> headers, Consumer<String> problem) {
        if (callInfo == null || isBlank(callInfo.template()) || headers == null) {
            return;
        }
        for (String unknown : CallInfoTemplate.unknownPlaceholders(callInfo.template(), headers)) {
            problem.accept("callInfo.template: {" + unknown + "} is not a header of the file");
        }
    }

    private static void secondary(Secondary secondary, Set<String> headers, Consumer<String> problem) {
        if (secondary == null || secondary.fields() == null || secondary.fields().isEmpty()) {
            return;
        }
        if (isBlank(secondary.table())) {
            problem.accept("secondary.table is required when secondary fields are mapped");
        }
        for (Map.Entry<String, SecondaryFieldMapping> entry : secondary.fields().entrySet()) {
            String field = "secondary.fields." + entry.getKey();
            SecondaryFieldMapping mapping = entry.getValue();
            if (isBlank(entry.getKey())) {
                problem.accept("secondary.fields: a field name is blank");
            }
            if (mapping == null) {
                problem.accept(field + " is empty");
                continue;
            }
            if (mapping.type() == null) {
                problem.accept(field + ".type is required for a field the table does not have yet "
                        + "(TEXT, WHOLE_NUMBER, DECIMAL, DATE, TIME, DATE_TIME, BOOLEAN or PHONE)");
            } else {
                // a bad default would reject every row with a blank cell: refuse the request instead
                SecondaryValueParser.defaultProblem(mapping.type(), mapping.defaultValue())
                        .ifPresent(p -> problem.accept(field + ".default: " + p));
            }
            headersOf(new FieldMapping(mapping.headers(), mapping.separator()), field, headers, problem);
        }
    }

    /** Every name and text within the lengths DynamoDB can hold ({@link Limits}); names free of control characters. */
    private static void limits(ImportRequest request, Consumer<String> problem) {
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
                    name("secondary.fields '" + abbreviated(fieldName) + "'", fieldName, problem);
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

    private static void headerLimits(String where, List<String> headers, String separator, Consumer<String> problem) {
        if (headers != null) {
            for (int i = 0; i < headers.size(); i++) {
                text(where + ".headers[" + i + "]", headers.get(i), Limits.HEADER, problem);
            }
        }
        text(where + ".separator", separator, Limits.VALUE, problem);
    }

    private static void names(String where, List<String> values, Consumer<String> problem) {
        for (int i = 0; i < values.size(); i++) {
            name(where + "[" + i + "]", values.get(i), problem);
        }
    }

    private static void name(String where, String value, Consumer<String> problem) {
        Limits.nameProblem(value).ifPresent(p -> problem.accept(where + " " + p));
    }

    private static void text(String where, String value, int max, Consumer<String> problem) {
        Limits.textProblem(value, max).ifPresent(p -> problem.accept(where + " " + p));
    }

    /** A name as a message quotes it: the first 40 characters of a long one. */
    private static String abbreviated(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }

    /** @return whether the mapping names at least one header (problems reported for unknown ones) */
    private static boolean headersOf(FieldMapping mapping, String field, Set<String> headers, Consumer<String> problem) {
        if (mapping == null || mapping.headers() == null || mapping.headers().isEmpty()) {
            problem.accept(field + ".headers: name at least one header");
            return false;
        }
        for (String header : mapping.headers()) {
            if (isBlank(header)) {
                problem.accept(field + ".headers has a blank header");
            } else if (headers != null && !HeaderNames.contains(headers, header)) {
                problem.accept(field + ".headers: '" + header + "' is not a header of the file");
            }
        }
        return true;
    }

    private static void positive(Integer value, String field, Consumer<String> problem) {
        if (value != null && value < 1) {
            problem.accept(field + " must be 1 or more, got " + value);
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
