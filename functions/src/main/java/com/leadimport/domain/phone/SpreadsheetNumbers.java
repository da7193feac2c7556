package com.leadimport.domain.phone;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers a spreadsheet rewrote as numbers before the file was saved: {@code 7911123456.0}
 * (a decimal) or {@code 7.911123456E+09} (scientific notation). When every digit is still there,
 * the number is read back to its digits (the leading zero a spreadsheet drops is what the
 * formatter already accepts missing); when the notation lost digits ({@code 7.91112E+09}),
 * nothing can bring them back and the value is said to have lost them (a number whose last
 * digits were zeros reads the same: it is refused too, rather than guessed).
 */
public final class SpreadsheetNumbers {

    private static final Pattern DECIMAL = Pattern.compile("\\+?(\\d{6,})\\.0+");
    private static final Pattern SCIENTIFIC = Pattern.compile("\\+?(\\d)(?:\\.(\\d+))?[eE]\\+?(\\d{1,2})");

    private SpreadsheetNumbers() {
    }

    /** The digits of a number a spreadsheet rewrote with all its digits, or empty for any other value. */
    public static Optional<String> digits(String value) {
        if (value.indexOf('.') < 0 && value.indexOf('E') < 0 && value.indexOf('e') < 0) {
            return Optional.empty(); // the usual case, without a regular expression
        }
        String text = value.strip();
        var decimal = DECIMAL.matcher(text);
        if (decimal.matches()) {
            return Optional.of(decimal.group(1));
        }
        var scientific = SCIENTIFIC.matcher(text);
        if (scientific.matches() && fraction(scientific).length() == exponent(scientific)) {
            return Optional.of(new BigDecimal(text.startsWith("+") ? text.substring(1) : text).toBigIntegerExact().toString());
        }
        return Optional.empty();
    }

    /** Whether the value is a phone number in scientific notation with fewer digits than the number had. */
    public static boolean lostDigits(String value) {
        var scientific = SCIENTIFIC.matcher(value.strip());
        if (!scientific.matches()) {
            return false;
        }
        return exponent(scientific) >= 6 && fraction(scientific).length() < exponent(scientific);
    }

    private static String fraction(java.util.regex.Matcher scientific) {
        return scientific.group(2) == null ? "" : scientific.group(2);
    }

    private static int exponent(java.util.regex.Matcher scientific) {
        return Integer.parseInt(scientific.group(3));
    }
}
