package com.leadimport.domain.secondary;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.phone.PhoneFormatter;
import com.leadimport.domain.request.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a contact data table value by its field type, in the formats the guide names
 * (dates dd/mm/yyyy, times hh:mm, date-times dd/mm/yyyy hh:mm:ss). Values are stored in a
 * canonical text: plain digits for numbers, {@code true}/{@code false}, ISO-8601 for dates
 * and times, the formatted number for phones; the field type says how to store it.
 */
public final class SecondaryValueParser {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d/M/uuuu H:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    /** For every type but PHONE, which needs an import's format settings. */
    private static final SecondaryValueParser WITHOUT_PHONES = new SecondaryValueParser(null);

    private final PhoneFormatter phones;

    public SecondaryValueParser(PhoneFormatter phones) {
        this.phones = phones;
    }

    /**
     * What is wrong with a field's default value for its type, if anything. PHONE defaults are
     * not judged here: their form depends on an import's format settings.
     */
    public static Optional<String> defaultProblem(FieldType type, String defaultValue) {
        if (defaultValue == null || defaultValue.isBlank() || type == FieldType.PHONE) {
            return Optional.empty();
        }
        try {
            WITHOUT_PHONES.parse(type, defaultValue);
            return Optional.empty();
        } catch (InvalidValueException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @throws InvalidValueException with a message saying what was expected */
    public String parse(FieldType type, String text) {
        String value = text.trim();
        return switch (type) {
            case TEXT -> text;
            case WHOLE_NUMBER -> wholeNumber(value);
            case DECIMAL -> decimal(value);
            case DATE -> parsed(() -> LocalDate.parse(value, DATE).toString(), value, "a date dd/mm/yyyy");
            case TIME -> parsed(() -> LocalTime.parse(value, TIME).toString(), value, "a time hh:mm");
            case DATE_TIME -> parsed(() -> LocalDateTime.parse(value, DATE_TIME).toString(), value, "a date and time dd/mm/yyyy hh:mm:ss");
            case BOOLEAN -> bool(value);
            case PHONE -> phone(value);
        };
    }

    private static String wholeNumber(String value) {
        try {
            return Long.valueOf(value.replace(",", "")).toString();
        } catch (NumberFormatException e) {
            throw new InvalidValueException("'" + value + "' is not a whole number");
        }
    }

    private static String decimal(String value) {
        try {
            return new BigDecimal(value.replace(",", "")).toPlainString();
        } catch (NumberFormatException e) {
            throw new InvalidValueException("'" + value + "' is not a decimal number");
        }
    }

    private static String bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> "true";
            case "false", "no", "n", "0" -> "false";
            default -> throw new InvalidValueException("'" + value + "' is not true or false (true/false, yes/no, y/n, 1/0)");
        };
    }

    private String phone(String value) {
        Optional<FormattedPhone> phone = phones.format(value);
        return phone.map(FormattedPhone::display)
                .orElseThrow(() -> new InvalidValueException("'" + value + "' is not a valid phone number"));
    }

    private static String parsed(java.util.function.Supplier<String> parse, String value, String expected) {
        try {
            return parse.get();
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("'" + value + "' is not " + expected);
        }
    }

    /** A value that does not parse as its field's type. */
    public static final class InvalidValueException extends RuntimeException {
        public InvalidValueException(String message) {
            super(message);
        }
    }
}
