package com.leadimport.domain.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.leadimport.domain.request.Format;
import com.leadimport.domain.request.Format.FormatPreset;
import com.leadimport.domain.request.Format.LeadingZero;
import java.util.Optional;

/**
 * Formats and validates one phone number by the import's format profile.
 *
 * <p>Presets validate with libphonenumber for their country ({@code isValidNumber} and the
 * country's code, so Guernsey, Jersey and Isle of Man numbers pass as UK) and store the
 * number in the preset's form: DEFAULT_UK {@code 07412345678} (national, leading 0),
 * INTERNATIONAL_UK {@code 00447412345678}, INTERNATIONAL_AUS {@code 0061...},
 * INTERNATIONAL_SA {@code 0027...}; always beside its E.164 form. A number is read as
 * libphonenumber's {@code parse} reads it for the preset's region, except that {@code 00} and
 * the preset's own code always mean the international form (Australia dials out with 0011, so
 * parse alone would misread {@code 0061...}, the very form the preset writes). The calling
 * code is redundant with a preset (the preset adds its own prefix) and is ignored there.
 *
 * <p>Fast path: a number already written with only digits, spaces and common punctuation is
 * reduced to its national significant number by hand ({@link FastPath}), skipping
 * libphonenumber's {@code parse} where the region's metadata shows parse would do the same
 * (no carrier code or international prefix to strip), and validated by {@link NumberPlan}: libphonenumber's own
 * validity rules and metadata with the patterns compiled to automata, skipping its regex
 * engine. Anything the fast path does not recognise goes through {@code parse}; a country
 * whose patterns the automata cannot take is validated by {@code isValidNumber}. Differential
 * tests hold both paths to libphonenumber's answers.
 *
 * <p>ADVANCED applies only its own rules, in this order: non-digits are removed when
 * {@code removeNonDigits} (otherwise a number with anything but digits, spaces and
 * {@code + ( ) - .} is invalid, and those separators are dropped); the last
 * {@code truncateTo} digits are kept; the leading zero is added, removed or kept; the
 * calling code is prefixed unless the number already starts with it; the length is checked
 * against {@code minLength}/{@code maxLength}. Its E.164 form is filled when libphonenumber
 * reads the result as a valid number (UK by default), else left null.
 */
public final class PhoneFormatter {

    static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final Format format;
    private final Country country;
    private final String callingCode;

    private PhoneFormatter(Format format, Country country, String callingCode) {
        this.format = format;
        this.country = country;
        this.callingCode = callingCode;
    }

    public static PhoneFormatter forSettings(Format format, String callingCode) {
        Country country = switch (format.preset()) {
            case DEFAULT_UK, INTERNATIONAL_UK -> Country.UK;
            case INTERNATIONAL_AUS -> Country.AUS;
            case INTERNATIONAL_SA -> Country.SA;
            case ADVANCED -> null;
        };
        return new PhoneFormatter(format, country, callingCode == null ? "" : callingCode.strip());
    }

    /** @param raw a non-blank cell value; @return the number, or empty when it fails format or validation */
    public Optional<FormattedPhone> format(String raw) {
        if (format.preset() == FormatPreset.ADVANCED) {
            return advanced(raw);
        }
        long nsn = nationalNumber(raw, country);
        if (nsn < 0) {
            return Optional.empty();
        }
        String digits = Long.toString(nsn);
        boolean valid = country.plan != null
                ? country.plan.isValid(digits)
                : UTIL.isValidNumber(new PhoneNumber().setCountryCode(country.code).setNationalNumber(nsn));
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(preset(country, digits, format.preset() == FormatPreset.DEFAULT_UK));
    }

    /** The display and E.164 forms of a valid national significant number of a preset's country. */
    private static FormattedPhone preset(Country country, String digits, boolean national) {
        String e164 = "+" + country.code + digits;
        return new FormattedPhone(national ? "0" + digits : "00" + country.code + digits, e164);
    }

    /**
     * The national significant number of a number meant for {@code country}, or -1 when it
     * cannot be one. Numbers written in a form the fast path does not know go through
     * libphonenumber's parse.
     */
    static long nationalNumber(String raw, Country country) {
        long fast = country.fastPath.nationalNumber(raw);
        if (fast != FastPath.UNKNOWN) {
            return fast;
        }
        try {
            String text = country.fastPath.doubleZeroDialsOut() ? raw : doubleZeroAsPlus(raw, country.codeDigits);
            PhoneNumber parsed = UTIL.parse(text, country.region);
            if (parsed.getCountryCode() != country.code || parsed.hasExtension() || parsed.isItalianLeadingZero()) {
                return -1;
            }
            return parsed.getNationalNumber();
        } catch (NumberParseException e) {
            return -1;
        }
    }

    /**
     * {@code 00} and the country's own code read as {@code +} and the code: the form the
     * international presets write ({@code 0061...}), though Australia dials out with 0011
     * and libphonenumber would not read {@code 00} there as an international prefix.
     */
    static String doubleZeroAsPlus(String raw, String code) {
        String text = raw.strip();
        if (!text.startsWith("00")) {
            return raw;
        }
        int matched = 0;
        String wanted = "00" + code;
        for (int i = 0; i < text.length() && matched < wanted.length(); i++) {
            char c = text.charAt(i);
            if (c == wanted.charAt(matched)) {
                matched++;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return raw;
            }
        }
        return matched == wanted.length() ? "+" + text.substring(2) : raw;
    }

    private Optional<FormattedPhone> advanced(String raw) {
        StringBuilder digits = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!format.removeNonDigits() && " +()-.".indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        String number = digits.toString();
        if (format.truncateTo() != null && number.length() > format.truncateTo()) {
            number = number.substring(number.length() - format.truncateTo());
        }
        LeadingZero zero = format.leadingZero() == null ? LeadingZero.KEEP : format.leadingZero();
        if (zero == LeadingZero.ADD && !number.startsWith("0")) {
            number = "0" + number;
        } else if (zero == LeadingZero.REMOVE) {
            int first = 0;
            while (first < number.length() && number.charAt(first) == '0') {
                first++;
            }
            number = number.substring(first);
        }
        if (!callingCode.isEmpty() && !number.startsWith(callingCode)) {
            number = callingCode + number;
        }
        if (number.isEmpty()
                || (format.minLength() != null && number.length() < format.minLength())
                || (format.maxLength() != null && number.length() > format.maxLength())) {
            return Optional.empty();
        }
        return Optional.of(new FormattedPhone(number, e164Of(number)));
    }

    /** E.164 of an ADVANCED number when libphonenumber reads it as valid (UK by default), else null. */
    private static String e164Of(String digits) {
        try {
            String candidate = digits.startsWith("00") ? "+" + digits.substring(2) : digits;
            PhoneNumber parsed = UTIL.parse(candidate, "GB");
            return UTIL.isValidNumber(parsed) ? UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The countries of the presets. */
    enum Country {
        UK(44, "GB", 10), AUS(61, "AU", 9), SA(27, "ZA", 9);

        final int code;
        final String region;
        /** The usual length of a national significant number, for the fast path. */
        final int nsnLength;
        final String codeDigits;
        /** libphonenumber's validity for this code as automata, or null to call libphonenumber. */
        final NumberPlan plan;
        /** Reads the usual forms without libphonenumber's parse, where that gives parse's answer. */
        final FastPath fastPath;

        Country(int code, String region, int nsnLength) {
            this.code = code;
            this.region = region;
            this.nsnLength = nsnLength;
            this.codeDigits = Integer.toString(code);
            this.plan = NumberPlan.forCountryCode(code).orElse(null);
            this.fastPath = FastPath.forRegion(code, region, nsnLength);
        }
    }
}
