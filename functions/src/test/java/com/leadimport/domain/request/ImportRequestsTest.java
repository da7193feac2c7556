package com.leadimport.domain.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ImportRequestsTest {

    @Test
    void readsTheContractExample() {
        ImportRequest request = RequestFixtures.contractExample();

        assertThat(request.details().list()).isEqualTo("May Promo");
        assertThat(request.details().costPerLead()).isEqualByComparingTo(new BigDecimal("0.12"));
        assertThat(request.settings().format().preset()).isEqualTo(Format.FormatPreset.DEFAULT_UK);
        assertThat(request.settings().dedupe().scope()).isEqualTo(Dedupe.Scope.LISTS);
        assertThat(request.settings().dedupe().additionalLists()).containsExactly("April Promo");
        assertThat(request.settings().timeZone().isStatic()).isTrue();
        assertThat(request.settings().expiry().inDays()).isEqualTo(30);
        assertThat(request.mapping().fields()).containsKeys(LeadField.FIRST_NAME, LeadField.ADDRESS1, LeadField.PHONE1);
        assertThat(request.mapping().fields().get(LeadField.ADDRESS1).separator()).isEqualTo(", ");
        assertThat(request.secondary().fields()).containsKey("Contract End");
    }

    @Test
    void roundTripsThroughJson() {
        ImportRequest request = RequestFixtures.contractExample();

        assertThat(ImportRequests.parse(ImportRequests.toJson(request))).isEqualTo(request);
    }

    @Test
    void anUnknownSettingIsRefusedByItsPath() {
        String json = RequestFixtures.contractExampleJson().replace("\"scope\": \"LISTS\"", "\"scop\": \"LISTS\"");

        assertThatThrownBy(() -> ImportRequests.parse(json))
                .isInstanceOf(RequestRefusedException.class)
                .hasMessage("Settings - Deduplication: 'scop' is not a known setting (settings.dedupe.scop)");
    }

    @Test
    void aBadEnumValueNamesTheFieldAndTheChoices() {
        String json = RequestFixtures.contractExampleJson().replace("\"KEEP_EXISTING\"", "\"KEEP_BOTH\"");

        assertThatThrownBy(() -> ImportRequests.parse(json))
                .hasMessageContaining("Settings - Action: has an invalid value 'KEEP_BOTH'")
                .hasMessageContaining("KEEP_NEW");
    }

    @Test
    void anUnknownLeadFieldIsRefused() {
        String json = RequestFixtures.contractExampleJson().replace("\"firstName\":", "\"forename\":");

        assertThatThrownBy(() -> ImportRequests.parse(json)).hasMessageContaining("mapping.fields");
    }

    @Test
    void aBadDateNamesTheField() {
        String json = RequestFixtures.contractExampleJson()
                .replace("\"option\": \"IN_DAYS\", \"inDays\": 30", "\"option\": \"ON_DATE\", \"onDate\": \"31/05/2026\"");

        assertThatThrownBy(() -> ImportRequests.parse(json)).hasMessageContaining("settings.expiry.onDate");
    }

    @Test
    void brokenJsonIsRefusedClearly() {
        assertThatThrownBy(() -> ImportRequests.parse("{\"details\": "))
                .isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void expiryDatesAreIso() {
        String json = RequestFixtures.contractExampleJson()
                .replace("\"option\": \"IN_DAYS\", \"inDays\": 30", "\"option\": \"ON_DATE\", \"onDate\": \"2026-05-31\"");

        assertThat(ImportRequests.parse(json).settings().expiry().onDate()).isEqualTo(LocalDate.of(2026, 5, 31));
    }

    @Test
    void nullBlankOrNonObjectRequestsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> ImportRequests.parse("null")).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("must be a JSON object").hasMessageContaining("null");
        assertThatThrownBy(() -> ImportRequests.parse("[1, 2]")).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("must be a JSON object").hasMessageContaining("array");
        assertThatThrownBy(() -> ImportRequests.parse("  ")).isInstanceOf(RequestRefusedException.class);
    }

    @Test
    void aRequestOverTheSizeLimitIsRefusedBeforeItIsRead() {
        String json = RequestFixtures.contractExampleJson().replace("Name: {First Name}", "Name: " + "x".repeat(2_400_000) + " {First Name}");

        assertThatThrownBy(() -> ImportRequests.parse(json)).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("100,000");
    }
}
