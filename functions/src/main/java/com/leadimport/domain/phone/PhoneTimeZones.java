package com.leadimport.domain.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Optional;

/**
 * The time zone a number is dialled in, from libphonenumber's geocoder data, one zone per
 * number. Where the data gives several (UK mobiles map to London, Guernsey, Jersey and the
 * Isle of Man), the zone of the number's own region wins: the zone of that region's example
 * landline, so a GB mobile is Europe/London and a Jersey mobile Europe/Jersey.
 */
public final class PhoneTimeZones {

    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();

    private static final java.util.Map<String, Optional<String>> REGION_ZONES = new java.util.concurrent.ConcurrentHashMap<>();

    private PhoneTimeZones() {
    }

    private static List<String> known(List<String> zones) {
        return zones.stream().filter(z -> !z.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())).toList();
    }

    private static Optional<String> regionZone(String region) {
        PhoneNumber landline = PhoneFormatter.UTIL.getExampleNumberForType(region,
                com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.FIXED_LINE);
        return landline == null ? Optional.empty() : known(MAPPER.getTimeZonesForNumber(landline)).stream().findFirst();
    }

    public static Optional<String> zoneOf(FormattedPhone phone) {
        if (phone.e164() == null) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = PhoneFormatter.UTIL.parse(phone.e164(), "ZZ");
            List<String> zones = known(MAPPER.getTimeZonesForNumber(number));
            if (zones.size() <= 1) {
                return zones.stream().findFirst();
            }
            String region = PhoneFormatter.UTIL.getRegionCodeForNumber(number);
            Optional<String> home = region == null ? Optional.empty() : REGION_ZONES.computeIfAbsent(region, PhoneTimeZones::regionZone);
            return Optional.of(home.filter(zones::contains).orElse(zones.get(0)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
