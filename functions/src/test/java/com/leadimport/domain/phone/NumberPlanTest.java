package com.leadimport.domain.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberPlanTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @ParameterizedTest
    @ValueSource(ints = {44, 61, 27})
    void everyPresetCountryCompilesToAutomata(int code) {
        assertThat(NumberPlan.forCountryCode(code)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {44, 61, 27})
    void agreesWithIsValidNumberOnRandomNumbersOfEveryLength(int code) {
        NumberPlan plan = NumberPlan.forCountryCode(code).orElseThrow();
        Random random = new Random(code);
        int valid = 0;
        for (int i = 0; i < 300_000; i++) {
            int length = 4 + random.nextInt(10);
            StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
            while (digits.length() < length) {
                digits.append(random.nextInt(10));
            }
            String nsn = digits.toString();
            boolean expected = UTIL.isValidNumber(new PhoneNumber().setCountryCode(code).setNationalNumber(Long.parseLong(nsn)));
            assertThat(plan.isValid(nsn)).as("+%d %s", code, nsn).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).as("the sample holds valid numbers").isGreaterThan(1_000);
    }

    @Test
    void agreesOnEveryExampleNumberOfEveryTypeAndRegion() {
        for (int code : new int[] {44, 61, 27}) {
            NumberPlan plan = NumberPlan.forCountryCode(code).orElseThrow();
            for (String region : UTIL.getRegionCodesForCountryCode(code)) {
                for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                    PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                    if (example != null) {
                        assertThat(plan.isValid(Long.toString(example.getNationalNumber()))).as("%s %s", region, type)
                                .isEqualTo(UTIL.isValidNumber(example));
                    }
                }
            }
        }
    }

    @Test
    void automataFollowRegexSemantics() throws Exception {
        DigitRegex regex = DigitRegex.compile("7(?:[1-3]\\d|4[0-46-9])\\d{6}|1\\d{3,4}");

        assertThat(regex.matches("741234567")).isTrue();
        assertThat(regex.matches("745234567")).isFalse();
        assertThat(regex.matches("7412345678")).isFalse();
        assertThat(regex.matches("1234")).isTrue();
        assertThat(regex.matches("12345")).isTrue();
        assertThat(regex.matches("123456")).isFalse();
        assertThat(regex.lookingAt("123456")).isTrue();
        assertThat(DigitRegex.compile("(?:12)?3+").matches("12333")).isTrue();
        assertThat(DigitRegex.compile("(?:12)?3+").matches("1")).isFalse();
    }

    @Test
    void refusesSyntaxOutsideTheSubset() {
        assertThatThrownBy(() -> DigitRegex.compile("(?=1)\\d")).isInstanceOf(DigitRegex.Unsupported.class);
        assertThatThrownBy(() -> DigitRegex.compile("[^1]")).isInstanceOf(DigitRegex.Unsupported.class);
        assertThatThrownBy(() -> DigitRegex.compile("\\d+?")).isInstanceOf(DigitRegex.Unsupported.class);
    }
}
