package com.leadimport.domain.row;

/**
 * A practical email check for contact data: one {@code @}, a non-empty local part without
 * spaces or consecutive dots, and a domain of dot-separated labels ending in a letter TLD.
 * Written by hand rather than as a regex: it runs on every row.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    public static boolean isValid(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at > 64 || email.length() > 254) {
            return false;
        }
        return localPartValid(email, at) && domainValid(email, at + 1);
    }

    private static boolean localPartValid(String email, int end) {
        if (email.charAt(0) == '.' || email.charAt(end - 1) == '.') {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = email.charAt(i);
            if (c <= ' ' || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<'
                    || c == '>' || c == '[' || c == ']' || c == '\\' || c == 127) {
                return false;
            }
            if (c == '.' && email.charAt(i + 1) == '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean domainValid(String email, int start) {
        int labelStart = start;
        int labels = 0;
        for (int i = start; i <= email.length(); i++) {
            if (i == email.length() || email.charAt(i) == '.') {
                if (!labelValid(email, labelStart, i)) {
                    return false;
                }
                labels++;
                if (i == email.length()) {
                    return labels >= 2 && topLevelValid(email, labelStart, i);
                }
                labelStart = i + 1;
            }
        }
        return false;
    }

    private static boolean labelValid(String email, int from, int to) {
        if (to <= from || to - from > 63 || email.charAt(from) == '-' || email.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = email.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean topLevelValid(String email, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isLetter(email.charAt(i)) && !(email.startsWith("xn--", from))) {
                return false;
            }
        }
        return true;
    }
}
