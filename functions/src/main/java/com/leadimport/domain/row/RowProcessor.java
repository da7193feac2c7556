package com.leadimport.domain.row;

import com.leadimport.domain.callinfo.CallInfoTemplate;
import com.leadimport.domain.csv.CsvRow;
import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.phone.PhoneFormatter;
import com.leadimport.domain.phone.PhoneTimeZones;
import com.leadimport.domain.phone.SpreadsheetNumbers;
import com.leadimport.domain.request.FieldMapping;
import com.leadimport.domain.request.FieldType;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.request.SecondaryFieldMapping;
import com.leadimport.domain.request.Settings;
import com.leadimport.domain.secondary.SecondaryValueParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-row rules of an import, in the contract's order: malformed row, email, secondary
 * fields, then (after the caller's batched DNC lookup) DNC and phone validity. Built once
 * per import (headers resolved to columns, template compiled); thread-safe.
 */
public final class RowProcessor {

    private final List<Map.Entry<LeadField, LeadFieldMapper>> textFields = new ArrayList<>();
    private final List<Map.Entry<LeadField, LeadFieldMapper>> phoneFields = new ArrayList<>();
    private final List<SecondaryColumn> secondaryFields = new ArrayList<>();
    private final PhoneFormatter phones;
    private final SecondaryValueParser secondaryParser;
    private final CallInfoTemplate callInfo;
    private final boolean validateEmails;
    private final String defaultSkillGroup;
    private final String staticZone;

    public RowProcessor(ImportRequest request, List<String> headers) {
        Settings settings = request.settings();
        this.phones = PhoneFormatter.forSettings(settings.format(), settings.callingCode());
        this.secondaryParser = new SecondaryValueParser(phones);
        this.validateEmails = settings.validateEmails();
        this.defaultSkillGroup = blankToNull(settings.defaultSkillGroup());
        this.staticZone = settings.timeZone() != null && settings.timeZone().isStatic() ? settings.timeZone().zone() : null;
        for (Map.Entry<LeadField, FieldMapping> e : new EnumMap<>(request.mapping().fields()).entrySet()) {
            var mapper = Map.entry(e.getKey(), new LeadFieldMapper(e.getValue(), headers));
            (e.getKey().isPhone() ? phoneFields : textFields).add(mapper);
        }
        if (request.secondary() != null && request.secondary().fields() != null) {
            request.secondary().fields().forEach((name, field) -> secondaryFields.add(new SecondaryColumn(name, field,
                    new LeadFieldMapper(new FieldMapping(field.headers(), field.separator()), headers))));
        }
        String template = request.callInfo() == null ? null : request.callInfo().template();
        this.callInfo = template == null || template.isBlank() ? null : CallInfoTemplate.compile(template, headers);
    }

    /** One row start to finish, for callers that have the DNC lookup at hand. */
    public RowOutcome process(CsvRow row, DncLookup dnc) {
        Prepared prepared = prepare(row);
        return prepared instanceof Prepared.Ready ready ? screen(ready.candidate(), dnc) : ((Prepared.Refused) prepared).rejected();
    }

    /** The checks that need no lookups: malformed row, email, secondary fields, phone formatting, no contact at all. */
    public Prepared prepare(CsvRow row) {
        List<String> cells = row.cells();
        if (row.malformed()) {
            return refuse(row.rowNumber(), Reason.MALFORMED_ROW, row.error(), cells);
        }
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        for (Map.Entry<LeadField, LeadFieldMapper> field : textFields) {
            String value = field.getValue().value(cells);
            if (value != null) {
                fields.put(field.getKey(), value);
            }
        }
        String email = fields.get(LeadField.EMAIL);
        if (email != null && validateEmails && !EmailAddresses.isValid(email)) {
            return refuse(row.rowNumber(), Reason.INVALID_EMAIL, "email '" + email + "' is not a valid email address", cells);
        }
        Map<String, String> secondary = secondaryFields.isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (SecondaryColumn column : secondaryFields) {
            try {
                String value = column.value(cells, secondaryParser);
                if (value != null) {
                    secondary.put(column.name, value);
                }
            } catch (SecondaryValueParser.InvalidValueException e) {
                return refuse(row.rowNumber(), Reason.INVALID_FIELD, "field '" + column.name + "': " + e.getMessage(), cells);
            }
        }
        Map<LeadField, FormattedPhone> formatted = new EnumMap<>(LeadField.class);
        boolean phoneValuePresent = false;
        for (Map.Entry<LeadField, LeadFieldMapper> field : phoneFields) {
            String value = field.getValue().value(cells);
            if (value != null) {
                phoneValuePresent = true;
                phones.format(SpreadsheetNumbers.digits(value).orElse(value)).ifPresent(p -> formatted.put(field.getKey(), p));
            }
        }
        if (!phoneValuePresent && email == null) {
            return refuse(row.rowNumber(), Reason.NO_CONTACT, "the row has no phone number and no email address", cells);
        }
        if (defaultSkillGroup != null) {
            fields.putIfAbsent(LeadField.SKILL_GROUP, defaultSkillGroup);
        }
        String info = callInfo == null ? null : callInfo.render(cells);
        return new Prepared.Ready(new Candidate(row.rowNumber(), cells, fields, formatted, phoneValuePresent, info, secondary));
    }

    /** Drops numbers on DNC; rejects the lead when no phone and no email remain. */
    public RowOutcome screen(Candidate candidate, DncLookup dnc) {
        Map<LeadField, FormattedPhone> kept = candidate.phones();
        boolean onDnc = false;
        for (FormattedPhone phone : candidate.phones().values()) {
            if (dnc.isListed(phone.key())) {
                onDnc = true;
                break;
            }
        }
        if (onDnc) {
            kept = new EnumMap<>(LeadField.class);
            for (Map.Entry<LeadField, FormattedPhone> phone : candidate.phones().entrySet()) {
                if (!dnc.isListed(phone.getValue().key())) {
                    kept.put(phone.getKey(), phone.getValue());
                }
            }
        }
        if (kept.isEmpty() && candidate.fields().get(LeadField.EMAIL) == null) {
            return onDnc
                    ? new RowOutcome.Rejected(candidate.rowNumber(), Reason.DNC, "every phone number is on a checked DNC category", candidate.cells())
                    : new RowOutcome.Rejected(candidate.rowNumber(), Reason.INVALID_PHONE, invalidPhoneMessage(candidate), candidate.cells());
        }
        // Static time zone No: no restriction (the guide); the number's own zone is kept as information only
        return new RowOutcome.Imported(new Lead(candidate.rowNumber(), candidate.fields(), Collections.unmodifiableMap(kept),
                candidate.callInfo(), staticZone, zoneOf(kept), candidate.secondary()));
    }

    public PhoneFormatter phoneFormatter() {
        return phones;
    }

    private String invalidPhoneMessage(Candidate candidate) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<LeadField, LeadFieldMapper> field : phoneFields) {
            String value = field.getValue().value(candidate.cells());
            if (value != null) {
                values.add(field.getKey().label() + " '" + value + "'" + (SpreadsheetNumbers.lostDigits(value)
                        ? " (a spreadsheet rewrote it in scientific notation and lost digits: export the column as text)" : ""));
            }
        }
        return "no valid phone number: " + String.join(", ", values);
    }

    private static String zoneOf(Map<LeadField, FormattedPhone> phones) {
        for (FormattedPhone phone : phones.values()) {
            Optional<String> zone = PhoneTimeZones.zoneOf(phone);
            if (zone.isPresent()) {
                return zone.get();
            }
        }
        return null;
    }

    private static Prepared refuse(long row, Reason reason, String message, List<String> cells) {
        return new Prepared.Refused(new RowOutcome.Rejected(row, reason, message, cells));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private record SecondaryColumn(String name, SecondaryFieldMapping field, LeadFieldMapper mapper) {
        String value(List<String> cells, SecondaryValueParser parser) {
            String text = mapper.value(cells);
            if (text == null) {
                text = field.defaultValue() == null || field.defaultValue().isEmpty() ? null : field.defaultValue();
            }
            if (text == null) {
                return null;
            }
            return field.type() == FieldType.TEXT ? text : parser.parse(field.type(), text);
        }
    }

    /** The result of {@link #prepare}: a candidate for screening, or an early rejection. */
    public sealed interface Prepared {
        record Ready(Candidate candidate) implements Prepared {
        }

        record Refused(RowOutcome.Rejected rejected) implements Prepared {
        }
    }
}
