package com.leadimport.domain.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 5, 1);

    private static List<Problem> refusals(String json, List<String> headers) {
        ImportRequest request = ImportRequests.parse(json);
        RequestRefusedException refused = catchThrowableOfType(RequestRefusedException.class,
                () -> RequestValidator.validate(request, headers, TODAY));
        return refused == null ? List.of() : refused.problems();
    }

    /** Each problem as a person reads it: "Stage - Label: message". */
    private static List<String> problemsOf(String json, List<String> headers) {
        return refusals(json, headers).stream().map(Problem::text).toList();
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

        assertThat(problemsOf(json)).anyMatch(p -> p.equals("Details - List: choose the destination list (required)"))
                .anyMatch(p -> p.startsWith("Details - Supplier: record where the data came from"));
    }

    @Test
    void eachProblemIsPlacedByFieldPathStageAndLabelNeverByACodePathInItsWords() {
        assertThat(refusals(example().replace("\"callingCode\": \"\"", "\"callingCode\": \"x\""), RequestFixtures.HEADERS))
                .singleElement().isEqualTo(new Problem("settings.callingCode", "Settings", "Calling code", "digits only (e.g. 0 or 44), not 'x'"));
        assertThat(refusals(example(), List.of("Phone")))
                .extracting(Problem::field, Problem::stage, Problem::label).contains(
                        org.assertj.core.groups.Tuple.tuple("mapping.fields.firstName.headers", "Lead Mapping", "First name"),
                        org.assertj.core.groups.Tuple.tuple("secondary.fields.Contract End.headers", "Secondary Mapping", "Contract End"));
    }

    @Test
    void negativeCostIsRefused() {
        assertThat(problemsOf(example().replace("0.12", "-1"))).containsExactly("Details - Cost per lead: cannot be negative");
    }

    @Test
    void globalScopeCannotBeCombinedWithLists() {
        String json = example().replace("\"scope\": \"LISTS\"", "\"scope\": \"GLOBAL\"");

        assertThat(problemsOf(json)).singleElement().asString()
                .isEqualTo("Settings - Scope: Global (entire database) cannot be combined with the destination list or additional lists");
    }

    @Test
    void listsScopeNeedsAList() {
        String json = example().replace("\"destinationList\": true", "\"destinationList\": false")
                .replace("[\"April Promo\"]", "[]");

        assertThat(problemsOf(json)).containsExactly("Settings - Scope: dedupe against the destination list, additional lists, or both");
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

        assertThat(refusals(on, RequestFixtures.HEADERS)).extracting(Problem::field)
                .containsExactlyInAnyOrder("settings.dedupe.on", "settings.dedupe.action", "settings.dedupe.scope");
        assertThat(problemsOf(off)).isEmpty();
    }

    @Test
    void atLeastOnePhoneOrEmailMustBeMapped() {
        String json = example().replace("\"phone1\":", "\"company\":").replace("\"email\":", "\"town\":");

        assertThat(problemsOf(json)).containsExactly(
                "Lead Mapping - Lead fields: map at least one phone number (Phone 1, Phone 2, Phone 3) or Email");
    }

    @Test
    void anEmailAloneIsEnough() {
        assertThat(problemsOf(example().replace("\"phone1\":", "\"company\":"))).isEmpty();
    }

    @Test
    void mappedHeadersMustExistInTheFile() {
        List<String> headers = RequestFixtures.HEADERS.stream().filter(h -> !h.equals("Address 2")).toList();

        assertThat(problemsOf(example(), headers)).containsExactly(
                "Lead Mapping - Address 1: 'Address 2' is not a header of the file");
    }

    @Test
    void headersAreNotCheckedBeforeTheFileIsKnown() {
        assertThat(problemsOf(example(), null)).isEmpty();
    }

    @Test
    void callInfoPlaceholdersMustBeHeaders() {
        String json = example().replace("{Account Ref}", "{Acount Ref}");

        assertThat(problemsOf(json)).containsExactly("Call Info - Preview call info: {Acount Ref} is not a header of the file");
    }

    @Test
    void expiryFieldsMustMatchTheirOption() {
        String onDate = example().replace("\"option\": \"IN_DAYS\", \"inDays\": 30", "\"option\": \"ON_DATE\"");
        String past = example().replace("\"option\": \"IN_DAYS\", \"inDays\": 30", "\"option\": \"ON_DATE\", \"onDate\": \"2026-04-30\"");
        String zeroDays = example().replace("\"inDays\": 30", "\"inDays\": 0");

        assertThat(problemsOf(onDate)).containsExactly("Settings - Expire on date: set the date the data expires (required)");
        assertThat(problemsOf(past)).containsExactly("Settings - Expire on date: 2026-04-30 is in the past");
        assertThat(problemsOf(zeroDays)).containsExactly("Settings - Expire in days: must be 1 or more");
    }

    @Test
    void staticTimeZoneMustBeKnown() {
        assertThat(problemsOf(example().replace("Europe/London", "Europe/Londn")))
                .containsExactly("Settings - Define time zone: 'Europe/Londn' is not a known time zone (e.g. Europe/London)");
    }

    @Test
    void namesAreRequiredOnlyWhenSettingsAreSaved() {
        String unnamed = example().replace("\"name\": \"UK weekly\",", "").replace("\"name\": \"Acme layout\",", "");

        assertThat(problemsOf(unnamed)).hasSize(2).anyMatch(p -> p.equals("Settings - Name: name these settings to save them (required unless Ad-hoc is ticked)"))
                .anyMatch(p -> p.equals("Lead Mapping - Mapping name: name this mapping to save it (required unless Ad-hoc is ticked)"));
        assertThat(problemsOf(unnamed.replace("\"adHoc\": false", "\"adHoc\": true"))).isEmpty();
    }

    @Test
    void advancedFormatRulesAreChecked() {
        String json = example().replace("{ \"preset\": \"DEFAULT_UK\" }",
                "{ \"preset\": \"ADVANCED\", \"minLength\": 12, \"maxLength\": 10, \"truncateTo\": 0 }");

        assertThat(problemsOf(json)).containsExactlyInAnyOrder(
                "Settings - Leading zero: choose add, remove or keep (required for Advanced)",
                "Settings - Truncate to: must be 1 or more, not 0",
                "Settings - Minimum length: 12 is greater than the maximum length, 10");
    }

    @Test
    void callingCodeIsDigits() {
        assertThat(problemsOf(example().replace("\"callingCode\": \"\"", "\"callingCode\": \"+44\"")))
                .containsExactly("Settings - Calling code: digits only (e.g. 0 or 44), not '+44'");
    }

    @Test
    void dncNeedsACategoryWhenOn() {
        assertThat(problemsOf(example().replace("[\"IVR\", \"Imported\", \"Requested\"]", "[]")))
                .containsExactly("Settings - DNC categories: tick at least one DNC category, or turn Check DNC off");
    }

    @Test
    void secondaryFieldsNeedATypeAndATable() {
        String json = example().replace(", \"type\": \"DATE\"", "").replace("\"table\": \"Contracts\"", "\"table\": \"\"");

        assertThat(problemsOf(json)).containsExactlyInAnyOrder(
                "Secondary Mapping - Data table: choose the data table (required when secondary fields are mapped)",
                "Secondary Mapping - Contract End: choose a data type: the table does not have this field yet");
    }

    @Test
    void aSecondaryDefaultMustReadAsItsType() {
        String json = example().replace(", \"type\": \"DATE\"", ", \"type\": \"DATE\", \"default\": \"soon\"");

        assertThat(problemsOf(json)).containsExactly(
                "Secondary Mapping - Contract End: default value 'soon' is not a date dd/mm/yyyy");
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
                .isEqualTo("Details - List: is 50,000 characters long; at most 128 are allowed");
    }

    @Test
    void namesRefuseControlCharactersSuchAsTheDedupeKeySeparator() {
        String json = example().replace("\"list\": \"May Promo\"", "\"list\": \"A\\u001fB\"");

        assertThat(problemsOf(json)).singleElement().asString()
                .startsWith("Details - List: contains a control character (U+001F) at character 2");
    }

    @Test
    void aLongTemplateIsRefusedByItsField() {
        String json = example().replace("Name: {First Name}", "Name: " + "x".repeat(5_000) + " {First Name}");

        assertThat(problemsOf(json)).anyMatch(p -> p.startsWith("Call Info - Preview call info: is ") && p.contains("at most 4,000"));
    }

    @Test
    void mappedHeadersAreFoundIgnoringCaseAndSpaces() {
        List<String> shouting = RequestFixtures.HEADERS.stream().map(h -> "  " + h.toUpperCase(java.util.Locale.ROOT).replace(" ", "   ") + " ")
                .toList();

        assertThat(problemsOf(example(), shouting)).isEmpty();
    }
}
