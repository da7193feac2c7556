package com.leadimport.domain.phone;

/**
 * Reads the national significant number out of a number written the usual ways, by hand:
 * digits with spaces, dashes, dots or brackets, in national form ({@code 07412 345678}),
 * international ({@code +44 7412 345678}, {@code 0044...}, {@code 44...}) or missing its
 * leading zero ({@code 7412345678}). Returns {@link #UNKNOWN} for anything else (letters,
 * extensions, other lengths), which then goes through libphonenumber's parse. It never
 * decides validity: that is always libphonenumber's.
 */
final class FastPath {

    static final long UNKNOWN = Long.MIN_VALUE;

    private FastPath() {
    }

    static long nationalNumber(String raw, PhoneFormatter.Country country) {
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
        String code = country.codeDigits;
        int nsnLength = country.nsnLength;
        int start;
        if (plus) {
            start = startsWith(digits, count, 0, code) && count == code.length() + nsnLength ? code.length() : -1;
        } else if (count == nsnLength + 1 && digits[0] == '0' && digits[1] != '0') {
            start = 1;
        } else if (count == 2 + code.length() + nsnLength && digits[0] == '0' && digits[1] == '0'
                && startsWith(digits, count, 2, code)) {
            start = 2 + code.length();
        } else if (count == code.length() + nsnLength && startsWith(digits, count, 0, code)) {
            start = code.length();
        } else if (count == nsnLength && digits[0] != '0') {
            start = 0;
        } else {
            return UNKNOWN;
        }
        if (start < 0 || digits[start] == '0') {
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
