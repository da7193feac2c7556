package com.leadimport.domain.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.List;

/**
 * Reads the national significant number out of a number written the usual ways, by hand,
 * and only where that gives exactly what libphonenumber's {@code parse} gives for the
 * country's region; {@link #UNKNOWN} otherwise, and the caller parses. It never decides
 * validity.
 *
 * <p>The number may hold digits, spaces, dashes, dots, brackets and a leading {@code +}, in
 * one of five forms (for UK: {@code +44 7412 345678}, {@code 0044...}, {@code 44...} of 12
 * digits, {@code 07412 345678}, {@code 7412345678}). Each form is taken only when the region's
 * own metadata makes parse's steps for it certain, checked once per country on the compiled
 * patterns:
 * <ul>
 * <li>{@code +cc}: no shorter prefix of the code is a country code (parse takes the first code
 *     it finds reading 1, 2, then 3 digits);</li>
 * <li>{@code 00cc}: the international prefix strips exactly {@code 00} (UK, South Africa; not
 *     Australia, whose prefix is 0011);</li>
 * <li>{@code cc} without {@code +}: the whole is too long for the region, so parse always takes
 *     the code off (UK, South Africa; not Australia, where 11 digits is not "too long");</li>
 * <li>{@code 0nsn}: the national prefix for parsing strips exactly {@code 0}, no number of the
 *     region starts with 0, and the remaining length is a possible length;</li>
 * <li>{@code nsn}: the digits do not start with the country code (parse may take it off).</li>
 * </ul>
 * And for every form, at run time: the digits do not start with the international prefix
 * (unless that is the form) and the national number does not start with something the national
 * prefix for parsing matches (Australia's carrier codes 1831/1832, UK's 180020): parse would
 * try to strip it.
 */
final class FastPath {

    static final long UNKNOWN = Long.MIN_VALUE;

    private final String code;
    private final int nsnLength;
    /** Null: the fast path is off for the country. */
    private final DigitRegex nationalPrefix;
    private final DigitRegex internationalPrefix;
    private final boolean plusForm;
    private final boolean doubleZeroForm;
    private final boolean codeWithoutPlusForm;
    private final boolean nationalForm;

    private FastPath(String code, int nsnLength, DigitRegex nationalPrefix, DigitRegex internationalPrefix,
                     boolean plusForm, boolean doubleZeroForm, boolean codeWithoutPlusForm, boolean nationalForm) {
        this.code = code;
        this.nsnLength = nsnLength;
        this.nationalPrefix = nationalPrefix;
        this.internationalPrefix = internationalPrefix;
        this.plusForm = plusForm;
        this.doubleZeroForm = doubleZeroForm;
        this.codeWithoutPlusForm = codeWithoutPlusForm;
        this.nationalForm = nationalForm;
    }

    /** The fast path for a country's main region, with the forms its metadata allows (none when unsure). */
    static FastPath forRegion(int countryCode, String region, int nsnLength) {
        String code = Integer.toString(countryCode);
        PhoneMetadata metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                .getMetadataForRegion(region);
        FastPath off = new FastPath(code, nsnLength, null, null, false, false, false, false);
        if (metadata == null || metadata.getNationalPrefixForParsing().isEmpty()
                || !metadata.getNationalPrefixTransformRule().isEmpty() || metadata.getInternationalPrefix().isEmpty()) {
            return off;
        }
        try {
            DigitRegex nationalPrefix = DigitRegex.compile(metadata.getNationalPrefixForParsing());
            DigitRegex internationalPrefix = DigitRegex.compile(metadata.getInternationalPrefix());
            DigitRegex general = DigitRegex.compile(metadata.getGeneralDesc().getNationalNumberPattern());
            List<Integer> lengths = metadata.getGeneralDesc().getPossibleLengthList();
            List<Integer> localOnly = metadata.getGeneralDesc().getPossibleLengthLocalOnlyList();
            int maxLength = lengths.isEmpty() ? Integer.MAX_VALUE : lengths.get(lengths.size() - 1);

            boolean plusForm = true;
            for (int i = 1; i < code.length(); i++) {
                if (!"ZZ".equals(PhoneNumberUtil.getInstance().getRegionCodeForCountryCode(Integer.parseInt(code.substring(0, i))))) {
                    plusForm = false;
                }
            }
            boolean doubleZeroForm = plusForm && internationalPrefix.onlyLeadingMatchIs("00");
            int withCode = code.length() + nsnLength;
            boolean codeWithoutPlusForm = plusForm && withCode > maxLength && !localOnly.contains(withCode);
            boolean nationalForm = nationalPrefix.onlyLeadingMatchIs("0") && !general.hasMatchStartingWith(0)
                    && lengths.contains(nsnLength) && !localOnly.contains(nsnLength);
            return new FastPath(code, nsnLength, nationalPrefix, internationalPrefix, plusForm, doubleZeroForm,
                    codeWithoutPlusForm, nationalForm);
        } catch (DigitRegex.Unsupported e) {
            return off;
        }
    }

    /** Whether {@code 00} is the region's international prefix, and nothing longer that starts with it. */
    boolean doubleZeroDialsOut() {
        return doubleZeroForm;
    }

    /** @return the national significant number, or {@link #UNKNOWN}: ask libphonenumber's parse */
    long nationalNumber(String raw) {
        if (nationalPrefix == null) {
            return UNKNOWN;
        }
        char[] digits = new char[20];
        int count = 0;
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == digits.length) {
                    return UNKNOWN;
                }
                digits[count++] = c;
            } else if (c == '+' && count == 0 && !plus) {
                plus = true;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '\u00a0') {
                return UNKNOWN;
            }
        }
        int codeLength = code.length();
        int start;
        if (plus) {
            start = plusForm && count == codeLength + nsnLength && startsWith(digits, count, 0, code) ? codeLength : -1;
        } else if (doubleZeroForm && count == 2 + codeLength + nsnLength && digits[0] == '0' && digits[1] == '0'
                && startsWith(digits, count, 2, code)) {
            start = 2 + codeLength;
        } else if (internationalPrefix.lookingAt(digits, 0, count)) {
            start = -1;
        } else if (nationalForm && count == nsnLength + 1 && digits[0] == '0') {
            start = 1;
        } else if (codeWithoutPlusForm && count == codeLength + nsnLength && startsWith(digits, count, 0, code)) {
            start = codeLength;
        } else if (count == nsnLength && !startsWith(digits, count, 0, code)) {
            start = 0;
        } else {
            start = -1;
        }
        if (start < 0 || digits[start] == '0' || nationalPrefix.lookingAt(digits, start, count)) {
            return UNKNOWN;
        }
        long nsn = 0;
        for (int i = start; i < count; i++) {
            nsn = nsn * 10 + (digits[i] - '0');
        }
        return nsn;
    }

    private static boolean startsWith(char[] digits, int count, int from, String prefix) {
        if (count < from + prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (digits[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
