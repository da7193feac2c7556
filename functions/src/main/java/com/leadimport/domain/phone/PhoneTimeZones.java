package com.leadimport.domain.phone;

import java.util.Optional;

/** The time zone a number is dialled in, from libphonenumber's geocoder data. */
public final class PhoneTimeZones {

    public static Optional<String> zoneOf(FormattedPhone phone) {
        throw new UnsupportedOperationException("being written");
    }
}
