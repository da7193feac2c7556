package com.leadimport.domain.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Optional;

/**
 * The time zone a number is dialled in, from libphonenumber's geocoder data, one zone per
 * number. Where the data gives several that keep the same clock (UK mobiles map to London,
 * Guernsey, Jersey and the Isle of Man), the zone of the number's own region wins: the zone of
 * that region's example landline, so a GB mobile is Europe/London and a Jersey mobile
 * Europe/Jersey. Where they keep different clocks (an Australian mobile), there is none.
 */
public final class PhoneTimeZones {

    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();

    private static final java.util.Map<Integer, List<String>> COUNTRY_ZONES = new java.util.concurrent.ConcurrentHashMap<>();

    private PhoneTimeZones() {
    }

    /**
     * The mapper's getTimeZonesForNumber, given the type: geographical numbers by their prefix,
     * others by their country code alone (so the answer is kept per country code).
     */
    private static List<String> zonesOf(PhoneNumber number, PhoneNumberUtil.PhoneNumberType type) {
        if (type == PhoneNumberUtil.PhoneNumberType.UNKNOWN) {
            return List.of();
        }
        if (PhoneFormatter.UTIL.isNumberGeographical(type, number.getCountryCode())) {
            return MAPPER.getTimeZonesForGeographicalNumber(number);
        }
        return COUNTRY_ZONES.computeIfAbsent(number.getCountryCode(), code -> MAPPER.getTimeZonesForNumber(number));
    }

    /** An E.164 string as a number, read the way libphonenumber extracts a country code (1 to 3 digits). */
    private static PhoneNumber fromE164(String e164) throws NumberParseException {
        if (e164.length() > 2 && e164.length() <= 18 && e164.charAt(0) == '+' && digitsFrom(e164, 1)) {
            for (int length = 1; length <= 3 && length < e164.length() - 1; length++) {
                int code = Integer.parseInt(e164, 1, 1 + length, 10);
                if (!"ZZ".equals(PhoneFormatter.UTIL.getRegionCodeForCountryCode(code)) && e164.charAt(1 + length) != '0') {
                    return new PhoneNumber().setCountryCode(code).setNationalNumber(Long.parseLong(e164.substring(1 + length)));
                }
            }
        }
        return PhoneFormatter.UTIL.parse(e164, "ZZ");
    }

    private static boolean digitsFrom(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static NumberPlan planFor(int countryCode) {
        for (PhoneFormatter.Country country : PhoneFormatter.Country.values()) {
            if (country.code == countryCode) {
                return country.plan;
            }
        }
        return null;
    }

    private static List<String> known(List<String> zones) {
        return zones.stream().filter(z -> !z.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())).toList();
    }

    private static Optional<String> regionZone(String region) {
        PhoneNumber landline = PhoneFormatter.UTIL.getExampleNumberForType(region,
                com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.FIXED_LINE);
        return landline == null ? Optional.empty() : known(MAPPER.getTimeZonesForNumber(landline)).stream().findFirst();
    }

    /** Whether every zone keeps the same clock all year (London, Jersey, Guernsey and Man do). */
    private static boolean sameRules(List<String> zones) {
        return zones.stream().map(id -> java.time.ZoneId.of(id).getRules()).distinct().count() == 1;
    }

    /**
     * The zone the number is dialled in, when it has one: a single zone, or zones that keep the
     * same clock (then the number's own region's); none when its zones keep different clocks.
     */
    public static Optional<String> zoneOf(FormattedPhone phone) {
        if (phone.e164() == null) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = fromE164(phone.e164());
            NumberPlan plan = planFor(number.getCountryCode());
            Zones zones;
            if (plan != null) {
                NumberPlan.Classification classification = plan.classify(Long.toString(number.getNationalNumber()));
                zones = new Zones(zonesOf(number, classification.type()), classification.region());
            } else {
                zones = new Zones(MAPPER.getTimeZonesForNumber(number), PhoneFormatter.UTIL.getRegionCodeForNumber(number));
            }
            // the few answers there are, each decided once (a file's numbers share a handful of zone lists)
            return ZONE_OF.computeIfAbsent(zones, PhoneTimeZones::zoneOf);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The zones the mapper gives a number, and the region the number belongs to (or null). */
    private record Zones(List<String> mapped, String region) {
    }

    private static final java.util.Map<Zones, Optional<String>> ZONE_OF = new java.util.concurrent.ConcurrentHashMap<>();

    private static Optional<String> zoneOf(Zones mapped) {
        List<String> zones = known(mapped.mapped());
        String region = mapped.region();
        if (zones.size() <= 1) {
            return zones.stream().findFirst();
        }
        if (!sameRules(zones)) {
            return Optional.empty(); // a number whose zones keep different clocks (an Australian mobile): no one zone is right
        }
        Optional<String> home = region == null ? Optional.empty() : regionZone(region);
        return Optional.of(home.filter(zones::contains).orElse(zones.get(0)));
    }
}
