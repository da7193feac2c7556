package com.leadimport.domain.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Normalises a number entered on a DNC list or a TPS file (national with a leading 0, with or
 * without spaces, +44, 0044 or 44 forms) to E.164, so it matches however the lead's number
 * was written. UK is the default country; a number that is not a valid number is empty (it
 * could never match a lead, whose numbers are validated too).
 */
public final class DncNumbers {

    private DncNumbers() {
    }

    /** Numbers given one a line: the valid ones in E.164, the others with their line (from 1); blank lines are skipped. */
    public record Read(List<String> e164, List<Unreadable> unreadable) {
    }

    public record Unreadable(int line, String value) {
    }

    public static Read read(List<String> lines) {
        List<String> e164 = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Optional<String> number = toE164(line);
            if (number.isPresent()) {
                e164.add(number.get());
            } else {
                unreadable.add(new Unreadable(i + 1, line));
            }
        }
        return new Read(List.copyOf(e164), List.copyOf(unreadable));
    }

    public static Optional<String> toE164(String anyForm) {
        String text = anyForm.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long nsn = PhoneFormatter.nationalNumber(text, PhoneFormatter.Country.UK);
        try {
            PhoneNumber number = nsn > 0
                    ? new PhoneNumber().setCountryCode(44).setNationalNumber(nsn)
                    : PhoneFormatter.UTIL.parse(text.startsWith("00") ? "+" + text.substring(2) : text, "GB");
            if (!PhoneFormatter.UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(PhoneFormatter.UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
