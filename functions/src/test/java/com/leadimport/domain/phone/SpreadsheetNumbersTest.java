package com.leadimport.domain.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadsheetNumbersTest {

    @Test
    void readsBackNumbersWithEveryDigit() {
        assertThat(SpreadsheetNumbers.digits("7911123456.0")).contains("7911123456");
        assertThat(SpreadsheetNumbers.digits("447911123456.00")).contains("447911123456");
        assertThat(SpreadsheetNumbers.digits("7.911123456E+09")).contains("7911123456");
        assertThat(SpreadsheetNumbers.digits("7.911123450e+09")).contains("7911123450");
        assertThat(SpreadsheetNumbers.digits(" 4.47911123456E+11 ")).contains("447911123456");
    }

    @Test
    void leavesEverythingElseAlone() {
        assertThat(SpreadsheetNumbers.digits("07911 123456")).isEmpty();
        assertThat(SpreadsheetNumbers.digits("+44 7911 123456")).isEmpty();
        assertThat(SpreadsheetNumbers.digits("12.5")).isEmpty();
        assertThat(SpreadsheetNumbers.digits("7.9111234567E+09")).as("not a whole number").isEmpty();
        assertThat(SpreadsheetNumbers.lostDigits("07911 123456")).isFalse();
        assertThat(SpreadsheetNumbers.lostDigits("1.5E+2")).as("too short to be a phone number").isFalse();
    }

    @Test
    void saysWhenDigitsWereLost() {
        assertThat(SpreadsheetNumbers.lostDigits("7.91112E+09")).isTrue();
        assertThat(SpreadsheetNumbers.digits("7.91112E+09")).isEmpty();
        assertThat(SpreadsheetNumbers.lostDigits("7.911123456E+09")).isFalse();
    }
}
