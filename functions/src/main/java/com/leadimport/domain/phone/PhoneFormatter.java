package com.leadimport.domain.phone;

import com.leadimport.domain.request.Format;
import java.util.Optional;

/** Formats and validates one phone number by the import's format profile and calling code. */
public final class PhoneFormatter {

    public static PhoneFormatter forSettings(Format format, String callingCode) {
        throw new UnsupportedOperationException("being written");
    }

    /** @param raw a non-blank cell value; @return the number, or empty when it fails format or validation */
    public Optional<FormattedPhone> format(String raw) {
        throw new UnsupportedOperationException("being written");
    }
}
