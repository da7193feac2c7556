package com.leadimport.domain.phone;

/**
 * A phone number as stored: {@code display} in the format profile's form (what the dialler
 * dials, e.g. {@code 07412345678}) and {@code e164} ({@code +447412345678}), or null when the
 * number cannot be placed in a country (ADVANCED formats of unknown plans).
 */
public record FormattedPhone(String display, String e164) {

    /** The identity of the number for DNC and dedupe: E.164 when known, else the display digits. */
    public String key() {
        return e164 != null ? e164 : display;
    }
}
