package com.leadimport.domain.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.leadimport.domain.request.Format;
import com.leadimport.domain.request.Format.FormatPreset;
import com.leadimport.domain.request.Format.LeadingZero;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneFormatterTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneFormatter UK = PhoneFormatter.forSettings(Format.preset(FormatPreset.DEFAULT_UK), "");
    private static final PhoneFormatter UK_INTERNATIONAL = PhoneFormatter.forSettings(Format.preset(FormatPreset.INTERNATIONAL_UK), "");
    private static final PhoneFormatter AUS = PhoneFormatter.forSettings(Format.preset(FormatPreset.INTERNATIONAL_AUS), "");
    private static final PhoneFormatter SA = PhoneFormatter.forSettings(Format.preset(FormatPreset.INTERNATIONAL_SA), "");

    private static PhoneFormatter advanced(LeadingZero zero, boolean removeNonDigits, Integer min, Integer max,
                                           Integer truncate, String callingCode) {
        return PhoneFormatter.forSettings(new Format(FormatPreset.ADVANCED, zero, removeNonDigits, min, max, truncate), callingCode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"07412 345123", "07412345123", "+44 7412 345123", "+447412345123", "0044 7412 345123",
            "44 7412 345123", "7412345123", "(07412) 345-123", "074.123.45123", "+44 (0)7412 345123"})
    void defaultUkWritesEveryFormNationally(String raw) {
        assertThat(UK.format(raw)).contains(new FormattedPhone("07412345123", "+447412345123"));
    }

    @Test
    void internationalUkUses0044() {
        assertThat(UK_INTERNATIONAL.format("0113 496 0001")).contains(new FormattedPhone("00441134960001", "+441134960001"));
    }

    @Test
    void crownDependencyNumbersAreUkNumbers() {
        for (String region : new String[] {"JE", "GG", "IM"}) {
            PhoneNumber example = UTIL.getExampleNumberForType(region, PhoneNumberType.MOBILE);
            String national = "0" + example.getNationalNumber();

            assertThat(UK.format(national)).as(region).contains(new FormattedPhone(national, "+44" + example.getNationalNumber()));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "07797 712345, +447797712345, Europe/Jersey",
            "07781 123456, +447781123456, Europe/Guernsey",
            "07624 123456, +447624123456, Europe/Isle_of_Man",
            "01534 712345, +441534712345, Europe/Jersey",
            "01481 712345, +441481712345, Europe/Guernsey",
            "01624 612345, +441624612345, Europe/Isle_of_Man"})
    void jerseyGuernseyAndIsleOfManRangesPassAsUkWithTheirOwnZone(String raw, String e164, String zone) {
        FormattedPhone phone = UK.format(raw).orElseThrow();

        assertThat(phone.e164()).isEqualTo(e164);
        assertThat(phone.display()).isEqualTo("0" + e164.substring(3));
        assertThat(PhoneTimeZones.zoneOf(phone)).contains(zone);
    }

    @Test
    void ukPremiumRateNumbersAreValidUkNumbers() {
        // libphonenumber calls them valid (type PREMIUM_RATE) and the contract asks only for valid and +44
        assertThat(UK.format("09098 790123")).contains(new FormattedPhone("09098790123", "+449098790123"));
    }

    @Test
    void ofcomDramaRangesAreNotValidNumbers() {
        // 01632 960xxx and 07700 900xxx are reserved for fiction; libphonenumber 9.0.23 rejects them
        assertThat(UK.format("(01632) 960 001")).isEmpty();
        assertThat(UK.format("07700 900123")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "07412 34512", "074123451234", "not a number", "07700 9OO123", "+61 412 345 678",
            "0800 123", "+33 1 23 45 67 89"})
    void refusesWhatIsNotAValidUkNumber(String raw) {
        assertThat(UK.format(raw)).isEmpty();
    }

    @Test
    void australianAndSouthAfricanPresetsValidateForTheirCountry() {
        assertThat(AUS.format("0412 345 678")).contains(new FormattedPhone("0061412345678", "+61412345678"));
        assertThat(AUS.format("+61 2 9876 5432")).contains(new FormattedPhone("0061298765432", "+61298765432"));
        assertThat(AUS.format("0061 412 345 678")).contains(new FormattedPhone("0061412345678", "+61412345678"));
        assertThat(AUS.format("0011 61 412 345 678")).contains(new FormattedPhone("0061412345678", "+61412345678"));
        assertThat(AUS.format("07412 345123")).isEmpty();
        assertThat(SA.format("0027 82 123 4567")).contains(new FormattedPhone("0027821234567", "+27821234567"));
        assertThat(SA.format("082 123 4567")).contains(new FormattedPhone("0027821234567", "+27821234567"));
        assertThat(SA.format("+27 21 123 4567")).contains(new FormattedPhone("0027211234567", "+27211234567"));
    }

    @Test
    void theCallingCodeIsRedundantWithAPreset() {
        PhoneFormatter withZero = PhoneFormatter.forSettings(Format.preset(FormatPreset.DEFAULT_UK), "0");

        assertThat(withZero.format("7412 345123")).contains(new FormattedPhone("07412345123", "+447412345123"));
    }

    @Test
    void advancedAddsRemovesOrKeepsTheLeadingZero() {
        assertThat(advanced(LeadingZero.ADD, false, null, null, null, "").format("7412 345123").map(FormattedPhone::display))
                .contains("07412345123");
        assertThat(advanced(LeadingZero.REMOVE, false, null, null, null, "").format("07412 345123").map(FormattedPhone::display))
                .contains("7412345123");
        assertThat(advanced(LeadingZero.KEEP, false, null, null, null, "").format("0612 345").map(FormattedPhone::display))
                .contains("0612345");
    }

    @Test
    void advancedRefusesLettersUnlessNonDigitsAreRemoved() {
        assertThat(advanced(LeadingZero.KEEP, false, null, null, null, "").format("0612 345 ext 9")).isEmpty();
        assertThat(advanced(LeadingZero.KEEP, true, null, null, null, "").format("tel: 0612 345 ext 9").map(FormattedPhone::display))
                .contains("06123459");
    }

    @Test
    void advancedChecksLengthAfterTruncation() {
        PhoneFormatter formatter = advanced(LeadingZero.KEEP, false, 8, 10, 9, "");

        assertThat(formatter.format("00 33 612 345 678").map(FormattedPhone::display)).contains("612345678");
        assertThat(formatter.format("1234567")).isEmpty();
        assertThat(advanced(LeadingZero.KEEP, false, null, 10, null, "").format("123456789012")).isEmpty();
    }

    @Test
    void advancedPrefixesTheCallingCodeOnce() {
        PhoneFormatter formatter = advanced(LeadingZero.REMOVE, false, null, null, null, "33");

        assertThat(formatter.format("0612 345 678").map(FormattedPhone::display)).contains("33612345678");
        assertThat(formatter.format("33612345678").map(FormattedPhone::display)).contains("33612345678");
    }

    @Test
    void advancedFillsE164OnlyWhenLibphonenumberReadsTheNumber() {
        assertThat(advanced(LeadingZero.ADD, false, null, null, null, "").format("7412345123"))
                .contains(new FormattedPhone("07412345123", "+447412345123"));
        assertThat(advanced(LeadingZero.KEEP, false, null, null, null, "").format("12345"))
                .contains(new FormattedPhone("12345", null));
    }

    @Test
    void timeZonesComeFromTheNumber() {
        assertThat(PhoneTimeZones.zoneOf(UK.format("07412345123").orElseThrow())).contains("Europe/London");
        assertThat(PhoneTimeZones.zoneOf(AUS.format("02 9876 5432").orElseThrow())).hasValueSatisfying(z -> assertThat(z).startsWith("Australia/"));
        assertThat(PhoneTimeZones.zoneOf(UK.format("07797 700123").orElseThrow())).contains("Europe/Jersey");
        assertThat(PhoneTimeZones.zoneOf(new FormattedPhone("12345", null))).isEmpty();
        assertThat(PhoneTimeZones.zoneOf(AUS.format("0412 345 678").orElseThrow()))
                .as("an Australian mobile may be in Perth or Sydney, whose clocks differ: no zone is right").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"07412345123", "07412 345 123", "+447412345123", "00447412345123", "447412345123", "7412345123",
            "+44 7412 345123", "0044 7412 345123", "44 7412 345 123", "+44 (0)7412 345123", " 07412-345-123 "})
    void dncNumbersAreStoredInE164WhateverTheirForm(String raw) {
        assertThat(DncNumbers.toE164(raw)).contains("+447412345123");
    }

    @Test
    void dncLandlinesAndCrownDependencyNumbersToo() {
        assertThat(DncNumbers.toE164("0113 496 0001")).contains("+441134960001");
        assertThat(DncNumbers.toE164("01534712345")).contains("+441534712345");
        assertThat(DncNumbers.toE164("07412 34512")).isEmpty();
    }

    @Test
    void unreadableDncNumbersAreEmpty() {
        assertThat(DncNumbers.toE164("call me")).isEmpty();
        assertThat(DncNumbers.toE164("  ")).isEmpty();
    }

    @Test
    void dncNumbersOneALineKeepTheLineOfEachUnreadableOne() {
        // GIVEN a TPS-style file's lines, one blank
        List<String> lines = List.of("07412 345002", "+44 7412 345003", "", " not a number ");

        // WHEN they are read
        DncNumbers.Read read = DncNumbers.read(lines);

        // THEN the blank line counts for the line numbers but is neither added nor unreadable
        assertThat(read.e164()).containsExactly("+447412345002", "+447412345003");
        assertThat(read.unreadable()).containsExactly(new DncNumbers.Unreadable(4, "not a number"));
    }

    /** Pure libphonenumber: parse, validate, format; what the fast path must always agree with. */
    private static Optional<String> reference(String raw, String region, int code, boolean national) {
        try {
            String text = raw.strip();
            // the presets' one rule beyond parse: 00 and the preset's own code is the international form
            if (text.startsWith("00") && text.replaceAll("[ ().-]", "").startsWith("00" + code)) {
                text = "+" + text.substring(2);
            }
            PhoneNumber number = UTIL.parse(text, region);
            if (number.getCountryCode() != code || number.hasExtension() || !UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(national ? UTIL.format(number, PhoneNumberFormat.NATIONAL).replaceAll("\\D", "")
                    : "00" + UTIL.format(number, PhoneNumberFormat.E164).substring(1));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    @Test
    void agreesWithLibphonenumberOnRandomNumbers() {
        Random random = new Random(20261124);
        String[] shapes = {"0%s", "0%s", "+44%s", "0044 %s", "44%s", "%s", "(0%s)", "+44 (0)%s", "00 44 %s", "+ 44 %s",
            "00%s", "0 %s"};
        int disagreements = 0;
        int valid = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder nsn = new StringBuilder();
            nsn.append(random.nextInt(10));
            int length = 8 + random.nextInt(4);
            for (int d = 1; d < length; d++) {
                nsn.append(random.nextInt(10));
            }
            if (random.nextBoolean()) {
                nsn.setCharAt(0, '7');
            } else if (random.nextInt(20) == 0) {
                // prefixes parse may strip: UK's second national prefix 180020, the country code itself
                String special = random.nextBoolean() ? "180020" : "44";
                nsn.replace(0, special.length(), special);
            }
            String raw = String.format(shapes[random.nextInt(shapes.length)], nsn);
            Optional<String> expected = reference(raw, "GB", 44, true);
            Optional<String> actual = UK.format(raw).map(FormattedPhone::display);
            if (!expected.equals(actual)) {
                disagreements++;
                assertThat(actual).as("input '%s'", raw).isEqualTo(expected);
            }
            valid += expected.isPresent() ? 1 : 0;
        }
        assertThat(disagreements).isZero();
        assertThat(valid).as("the sample holds valid numbers too").isGreaterThan(20_000);
    }

    @Test
    void agreesWithLibphonenumberWhereverSeparatorsAndPlusSignsFall() {
        Random random = new Random(5);
        String separators = " -.()+\u00a0";
        PhoneFormatter[] formatters = {UK, AUS, SA};
        String[] regions = {"GB", "AU", "ZA"};
        int[] codes = {44, 61, 27};
        String[] starts = {"07", "01", "02", "0044", "44", "+44", "04", "0061", "61", "0027", "27", "08", "1831", ""};
        for (int i = 0; i < 100_000; i++) {
            StringBuilder raw = new StringBuilder(starts[random.nextInt(starts.length)]);
            int digits = 7 + random.nextInt(8);
            while (raw.length() < digits) {
                raw.append(random.nextInt(10));
            }
            for (int s = random.nextInt(4); s > 0; s--) {
                raw.insert(random.nextInt(raw.length() + 1), separators.charAt(random.nextInt(separators.length())));
            }
            int c = random.nextInt(3);
            assertThat(formatters[c].format(raw.toString()).map(FormattedPhone::display)).as("'%s' %s", raw, regions[c])
                    .isEqualTo(reference(raw.toString(), regions[c], codes[c], c == 0));
        }
    }

    @Test
    void timeZonesAgreeWithTheMapperOnRandomNumbers() {
        var mapper = com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper.getInstance();
        Random random = new Random(99);
        for (int i = 0; i < 50_000; i++) {
            String[] forms = {"07" + random.nextInt(10), "01" + random.nextInt(10), "02" + random.nextInt(10), "03"};
            StringBuilder raw = new StringBuilder(forms[random.nextInt(forms.length)]);
            while (raw.length() < 11) {
                raw.append(random.nextInt(10));
            }
            Optional<FormattedPhone> phone = UK.format(raw.toString());
            if (phone.isEmpty()) {
                continue;
            }
            try {
                PhoneNumber number = UTIL.parse(phone.get().e164(), "ZZ");
                java.util.List<String> zones = mapper.getTimeZonesForNumber(number);
                Optional<String> zone = PhoneTimeZones.zoneOf(phone.get());
                assertThat(zone).as(raw.toString()).isPresent();
                assertThat(zones).as(raw.toString()).contains(zone.get());
                if (zones.size() == 1) {
                    assertThat(zone).contains(zones.get(0));
                } else {
                    String region = UTIL.getRegionCodeForNumber(number);
                    String home = mapper.getTimeZonesForNumber(UTIL.getExampleNumberForType(region, PhoneNumberType.FIXED_LINE)).get(0);
                    assertThat(zone).as(raw.toString()).contains(zones.contains(home) ? home : zones.get(0));
                }
            } catch (NumberParseException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void internationalPresetsAgreeWithLibphonenumber() {
        Random random = new Random(7);
        // prefixes parse treats specially: AU carrier codes 1831/1832 and dial-out codes 14xx, numbers starting with a code
        String[] prefixes = {"", "", "", "1831", "1832", "14", "611", "61", "27", "278", "0"};
        for (int i = 0; i < 40_000; i++) {
            String digits = String.valueOf(100_000_000L + (long) (random.nextDouble() * 899_999_999L));
            String prefix = prefixes[random.nextInt(prefixes.length)];
            digits = prefix + digits.substring(prefix.length());
            for (String raw : new String[] {"0" + digits, "+61" + digits, "+27 " + digits, digits, "0061 " + digits,
                    "61" + digits, "0027" + digits, "27 " + digits, "0011 61 " + digits, "00 61 " + digits}) {
                assertThat(AUS.format(raw).map(FormattedPhone::display)).as(raw).isEqualTo(reference(raw, "AU", 61, false));
                assertThat(SA.format(raw).map(FormattedPhone::display)).as(raw).isEqualTo(reference(raw, "ZA", 27, false));
            }
        }
    }
}
