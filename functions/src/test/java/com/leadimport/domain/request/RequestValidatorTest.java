package com.leadimport.domain.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 5, 1);

    private static List<String> problemsOf(String json, List<String> headers) {
        ImportRequest request = ImportRequests.parse(json);
        RequestRefusedException refused = catchThrowableOfType(RequestRefusedException.class,
                () -> RequestValidator.validate(request, headers, TODAY));
        return refused == null ? List.of() : refused.problems();
    }

    private static List<String> problemsOf(String json) {
        return problemsOf(json, RequestFixtures.HEADERS);
    }

    private static String example() {
        return RequestFixtures.contractExampleJson();
    }

    @Test
    void theContractExampleIsValid() {
        assertThatCode(() -> RequestValidator.validate(RequestFixtures.contractExample(), RequestFixtures.HEADERS, TODAY))
                .doesNotThrowAnyException();
    }

    @Test
    void requiredDetailsAreNamed() {
        String json = example().replace("\"list\": \"May Promo\"", "\"list\": \" \"")
                .replace("\"supplier\": \"Acme Data\"", "\"supplier\": null");

        assertThat(problemsOf(json)).anyMatch(p -> p.startsWith("details.list is required"))
                .anyMatch(p -> p.startsWith("details.supplier is required"));
    }

    @Test
    void negativeCostIsRefused() {
        assertThat(problemsOf(example().replace("0.12", "-1"))).containsExactly("details.costPerLead cannot be negative");
    }

    @Test
    void globalScopeCannotBeCombinedWithLists() {
        String json = example().replace("\"scope\": \"LISTS\"", "\"scope\": \"GLOBAL\"");

        assertThat(problemsOf(json)).singleElement().asString()
                .startsWith("settings.dedupe.scope GLOBAL cannot be combined with destinationList or additionalLists");
    }

    @Test
    void listsScopeNeedsAList() {
        String json = example().replace("\"destinationList\": true", "\"destinationList\": false")
                .replace("[\"April Promo\"]", "[]");

        assertThat(problemsOf(json)).containsExactly("settings.dedupe.scope LISTS needs destinationList and/or additionalLists");
    }

    @Test
    void destinationListAloneIsEnough() {
        String json = example().replace("[\"April Promo\"]", "[]");

        assertThat(problemsOf(json)).isEmpty();
    }

    @Test
    void dedupeNeedsOnScopeAndActionOnlyWhenEnabled() {
        String on = example().replace("\"on\": \"PHONE\", \"scope\": \"LISTS\",", "")
                .replace("\"action\": \"KEEP_EXISTING\"", "\"action\": null")
                .replace("\"destinationList\": true", "\"destinationList\": false").replace("[\"April Promo\"]", "[]");
        String off = on.replace("\"dedupe\": { \"enabled\": true", "\"dedupe\": { \"enabled\": false");

        assertThat(problemsOf(on)).hasSize(3).allMatch(p -> p.startsWith("settings.dedupe."));
        assertThat(problemsOf(off)).isEmpty();
    }

    @Test
    void atLeastOnePhoneOrEmailMustBeMapped() {
        String json = example().replace("\"phone1\":", "\"company\":").replace("\"email\":", "\"town\":");

        assertThat(problemsOf(json)).containsExactly(
                "mapping.fields: map at least one phone number (phone1, phone2, phone3) or email address");
    }

    @Test
    void anEmailAloneIsEnough() {
        assertThat(problemsOf(example().replace("\"phone1\":", "\"company\":"))).isEmpty();
    }

    @Test
    void mappedHeadersMustExistInTheFile() {
        List<String> headers = RequestFixtures.HEADERS.stream().filter(h -> !h.equals("Address 2")).toList();

        assertThat(problemsOf(example(), headers)).containsExactly(
                "mapping.fields.address1.headers: 'Address 2' is not a header of the file");
    }

    @Test
    void headersAreNotCheckedBeforeTheFileIsKnown() {
        assertThat(problemsOf(example(), null)).isEmpty();
    }

    @Test
    void callInfoPlaceholdersMustBeHeaders() {
        String json = example().replace("{Account Ref}", "{Acount Ref}");

        assertThat(problemsOf(json)).containsExactly("callInfo.template: {Acount Ref} is not a header of the file");
    }

    @Test
    void expiryFieldsMustMatchTheirOption() {
        String onDate = example().replace("\"option\": \"IN_DAYS\", \"inDays\": 30", "\"option\": \"ON_DATE\"");
        String past = example().replace("\"option\": \"IN_DAYS\", \"inDays\": 30", "\"option\": \"ON_DATE\", \"onDate\": \"2026-04-30\"");
        String zeroDays = example().replace("\"inDays\": 30", "\"inDays\": 0");

        assertThat(problemsOf(onDate)).containsExactly("settings.expiry.onDate is required for ON_DATE (yyyy-MM-dd)");
        assertThat(problemsOf(past)).containsExactly("settings.expiry.onDate 2026-04-30 is in the past");
        assertThat(problemsOf(zeroDays)).containsExactly("settings.expiry.inDays must be 1 or more for IN_DAYS");
    }

    @Test
    void staticTimeZoneMustBeKnown() {
        assertThat(problemsOf(example().replace("Europe/London", "Europe/Londn")))
                .containsExactly("settings.timeZone.zone 'Europe/Londn' is not a known time zone (e.g. Europe/London)");
    }

    @Test
    void namesAreRequiredOnlyWhenSettingsAreSaved() {
        String unnamed = example().replace("\"name\": \"UK weekly\",", "").replace("\"name\": \"Acme layout\",", "");

        assertThat(problemsOf(unnamed)).hasSize(2).anyMatch(p -> p.startsWith("settings.name is required"))
                .anyMatch(p -> p.startsWith("mapping.name is required"));
        assertThat(problemsOf(unnamed.replace("\"adHoc\": false", "\"adHoc\": true"))).isEmpty();
    }

    @Test
    void advancedFormatRulesAreChecked() {
        String json = example().replace("{ \"preset\": \"DEFAULT_UK\" }",
                "{ \"preset\": \"ADVANCED\", \"minLength\": 12, \"maxLength\": 10, \"truncateTo\": 0 }");

        assertThat(problemsOf(json)).containsExactlyInAnyOrder(
                "settings.format.leadingZero is required for ADVANCED (ADD, REMOVE or KEEP)",
                "settings.format.truncateTo must be 1 or more, got 0",
                "settings.format.minLength (12) is greater than maxLength (10)");
    }

    @Test
    void callingCodeIsDigits() {
        assertThat(problemsOf(example().replace("\"callingCode\": \"\"", "\"callingCode\": \"+44\"")))
                .containsExactly("settings.callingCode must be digits only (e.g. 0 or 44), got '+44'");
    }

    @Test
    void dncNeedsACategoryWhenOn() {
        assertThat(problemsOf(example().replace("[\"IVR\", \"Imported\", \"Requested\"]", "[]")))
                .containsExactly("settings.dnc.categories: tick at least one DNC category, or turn DNC checking off");
    }

    @Test
    void secondaryFieldsNeedATypeAndATable() {
        String json = example().replace(", \"type\": \"DATE\"", "").replace("\"table\": \"Contracts\"", "\"table\": \"\"");

        assertThat(problemsOf(json)).containsExactlyInAnyOrder(
                "secondary.table is required when secondary fields are mapped",
                "secondary.fields.Contract End.type is required for a field the table does not have yet (TEXT, WHOLE_NUMBER, DECIMAL, DATE, TIME, DATE_TIME, BOOLEAN or PHONE)");
    }

    @Test
    void aSecondaryDefaultMustReadAsItsType() {
        String json = example().replace(", \"type\": \"DATE\"", ", \"type\": \"DATE\", \"default\": \"soon\"");

        assertThat(problemsOf(json)).containsExactly(
                "secondary.fields.Contract End.default: 'soon' is not a date dd/mm/yyyy (the field is DATE)");
        assertThat(problemsOf(example().replace(", \"type\": \"DATE\"", ", \"type\": \"DATE\", \"default\": \"31/12/2027\"")))
                .isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String json = example().replace("\"list\": \"May Promo\"", "\"list\": \"\"")
                .replace("\"scope\": \"LISTS\"", "\"scope\": \"GLOBAL\"").replace("Europe/London", "Mars/Base");

        assertThat(problemsOf(json)).hasSize(3);
    }

    @Test
    void aListNameOverTheLimitIsRefusedByItsField() {
        String json = example().replace("\"list\": \"May Promo\"", "\"list\": \"" + "L".repeat(50_000) + "\"");

        assertThat(problemsOf(json)).singleElement().asString()
                .isEqualTo("details.list is 50,000 characters long; at most 128 are allowed");
    }

    @Test
    void namesRefuseControlCharactersSuchAsTheDedupeKeySeparator() {
        String json = example().replace("\"list\": \"May Promo\"", "\"list\": \"A\\u001fB\"");

        assertThat(problemsOf(json)).singleElement().asString()
                .startsWith("details.list contains a control character (U+001F) at character 2");
    }

    @Test
    void aLongTemplateIsRefusedByItsField() {
        String json = example().replace("Name: {First Name}", "Name: " + "x".repeat(5_000) + " {First Name}");

        assertThat(problemsOf(json)).anyMatch(p -> p.startsWith("callInfo.template is ") && p.contains("at most 4,000"));
    }

    @Test
    void mappedHeadersAreFoundIgnoringCaseAndSpaces() {
        List<String> shouting = RequestFixtures.HEADERS.stream().map(h -> "  " + h.toUpperCase(java.util.Locale.ROOT).replace(" ", "   ") + " ")
                .toList();

        assertThat(problemsOf(example(), shouting)).isEmpty();
    }
}
