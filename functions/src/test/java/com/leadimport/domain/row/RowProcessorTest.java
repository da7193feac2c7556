package com.leadimport.domain.row;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.csv.CsvRow;
import com.leadimport.domain.request.CallInfo;
import com.leadimport.domain.request.DeleteExisting;
import com.leadimport.domain.request.Details;
import com.leadimport.domain.request.DncCheck;
import com.leadimport.domain.request.FieldMapping;
import com.leadimport.domain.request.FieldType;
import com.leadimport.domain.request.Format;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.request.Mapping;
import com.leadimport.domain.request.Secondary;
import com.leadimport.domain.request.SecondaryFieldMapping;
import com.leadimport.domain.request.Settings;
import com.leadimport.domain.request.TimeZoneSetting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowProcessorTest {

    private static final List<String> HEADERS = List.of("Name", "Mobile", "Home", "Email", "Addr 1", "Addr 2",
            "Contract End", "Tariff", "Group");

    private static ImportRequest request(boolean validateEmails, TimeZoneSetting zone, String defaultSkillGroup) {
        Map<LeadField, FieldMapping> fields = new LinkedHashMap<>();
        fields.put(LeadField.FIRST_NAME, new FieldMapping(List.of("Name"), null));
        fields.put(LeadField.PHONE1, new FieldMapping(List.of("Mobile"), null));
        fields.put(LeadField.PHONE2, new FieldMapping(List.of("Home"), null));
        fields.put(LeadField.EMAIL, new FieldMapping(List.of("Email"), null));
        fields.put(LeadField.ADDRESS1, new FieldMapping(List.of("Addr 1", "Addr 2"), ", "));
        fields.put(LeadField.SKILL_GROUP, new FieldMapping(List.of("Group"), null));
        Map<String, SecondaryFieldMapping> secondary = new LinkedHashMap<>();
        secondary.put("Contract End", new SecondaryFieldMapping(List.of("Contract End"), null, FieldType.DATE, null, null));
        secondary.put("Tariff", new SecondaryFieldMapping(List.of("Tariff"), null, FieldType.TEXT, "Unknown", null));
        Settings settings = new Settings("s", false, Format.preset(Format.FormatPreset.DEFAULT_UK), "",
                new DeleteExisting(false, true), validateEmails, new DncCheck(true, List.of("IVR")), null,
                defaultSkillGroup, false, zone, null, null);
        return new ImportRequest(new Details(null, "May", "Acme", null, false), settings, new Mapping("m", fields),
                new CallInfo("{Name} on {Tariff}"), new Secondary("Contracts", secondary));
    }

    private static final RowProcessor PROCESSOR = new RowProcessor(
            request(true, new TimeZoneSetting(false, null), "Sales"), HEADERS);

    private static CsvRow row(long n, String name, String mobile, String home, String email, String contractEnd,
                              String tariff, String group) {
        return new CsvRow(n, List.of(name, mobile, home, email, "1 High St", "", contractEnd, tariff, group), null);
    }

    private static Lead imported(RowOutcome outcome) {
        assertThat(outcome).isInstanceOf(RowOutcome.Imported.class);
        return ((RowOutcome.Imported) outcome).lead();
    }

    private static RowOutcome.Rejected rejected(RowOutcome outcome, Reason reason) {
        assertThat(outcome).isInstanceOf(RowOutcome.Rejected.class);
        RowOutcome.Rejected rejected = (RowOutcome.Rejected) outcome;
        assertThat(rejected.reason()).isEqualTo(reason);
        return rejected;
    }

    @Test
    void aGoodRowBecomesALead() {
        Lead lead = imported(PROCESSOR.process(row(1, "Ann", "07412 345123", "", "ann@example.com", "31/05/2026", "Gold", ""),
                DncLookup.NONE));

        assertThat(lead.rowNumber()).isEqualTo(1);
        assertThat(lead.fields()).containsEntry(LeadField.FIRST_NAME, "Ann").containsEntry(LeadField.ADDRESS1, "1 High St")
                .containsEntry(LeadField.SKILL_GROUP, "Sales");
        assertThat(lead.phones()).containsOnlyKeys(LeadField.PHONE1);
        assertThat(lead.phones().get(LeadField.PHONE1).display()).isEqualTo("07412345123");
        assertThat(lead.phones().get(LeadField.PHONE1).e164()).isEqualTo("+447412345123");
        assertThat(lead.email()).isEqualTo("ann@example.com");
        assertThat(lead.callInfo()).isEqualTo("Ann on Gold");
        assertThat(lead.secondary()).containsEntry("Contract End", "2026-05-31").containsEntry("Tariff", "Gold");
        assertThat(lead.timeZone()).as("Static time zone No: no restriction, as the guide says").isNull();
        assertThat(lead.numberTimeZone()).as("the number's own zone, as information").isEqualTo("Europe/London");
    }

    @Test
    void aMappedSkillGroupWinsOverTheDefaultAndSecondaryDefaultsFillBlanks() {
        Lead lead = imported(PROCESSOR.process(row(1, "Ann", "07412345123", "", "", "", "", "Retention"), DncLookup.NONE));

        assertThat(lead.fields()).containsEntry(LeadField.SKILL_GROUP, "Retention");
        assertThat(lead.secondary()).containsEntry("Tariff", "Unknown").doesNotContainKey("Contract End");
    }

    @Test
    void aStaticTimeZoneTagsEveryLead() {
        RowProcessor processor = new RowProcessor(request(true, new TimeZoneSetting(true, "Europe/Dublin"), null), HEADERS);

        Lead lead = imported(processor.process(row(1, "Ann", "07412345123", "", "", "", "", ""), DncLookup.NONE));
        assertThat(lead.timeZone()).isEqualTo("Europe/Dublin");
        assertThat(lead.numberTimeZone()).isEqualTo("Europe/London");
    }

    @Test
    void aMalformedRowIsRejectedFirst() {
        CsvRow bad = new CsvRow(4, List.of("Ann", "x"), "row 4 has 2 cells, the header has 9");

        RowOutcome.Rejected rejected = rejected(PROCESSOR.process(bad, DncLookup.NONE), Reason.MALFORMED_ROW);
        assertThat(rejected.message()).isEqualTo("row 4 has 2 cells, the header has 9");
        assertThat(rejected.cells()).containsExactly("Ann", "x");
    }

    @Test
    void anInvalidEmailIsRejectedBeforeAnInvalidFieldWhenValidating() {
        RowOutcome outcome = PROCESSOR.process(row(2, "Ann", "07412345123", "", "ann@", "32/13/2026", "", ""), DncLookup.NONE);

        assertThat(rejected(outcome, Reason.INVALID_EMAIL).message()).contains("ann@");
    }

    @Test
    void withoutEmailValidationTheEmailIsKeptAsIs() {
        RowProcessor processor = new RowProcessor(request(false, null, null), HEADERS);

        assertThat(imported(processor.process(row(2, "Ann", "07412345123", "", "ann@", "", "", ""), DncLookup.NONE)).email())
                .isEqualTo("ann@");
    }

    @Test
    void anUnparseableSecondaryValueNamesTheField() {
        RowOutcome outcome = PROCESSOR.process(row(3, "Ann", "07412345123", "", "", "31/02/2026", "", ""), DncLookup.NONE);

        assertThat(rejected(outcome, Reason.INVALID_FIELD).message())
                .isEqualTo("field 'Contract End': '31/02/2026' is not a date dd/mm/yyyy");
    }

    @Test
    void noPhoneAndNoEmailIsNoContact() {
        rejected(PROCESSOR.process(row(5, "Ann", "", " ", "", "", "", ""), DncLookup.NONE), Reason.NO_CONTACT);
    }

    @Test
    void onlyInvalidPhonesIsInvalidPhone() {
        RowOutcome outcome = PROCESSOR.process(row(6, "Ann", "12345", "not a number", "", "", "", ""), DncLookup.NONE);

        assertThat(rejected(outcome, Reason.INVALID_PHONE).message()).contains("Phone 1 '12345'").contains("Phone 2 'not a number'");
    }

    @Test
    void anInvalidPhoneIsDroppedWhenTheEmailRemains() {
        Lead lead = imported(PROCESSOR.process(row(7, "Ann", "12345", "", "ann@example.com", "", "", ""), DncLookup.NONE));

        assertThat(lead.phones()).isEmpty();
        assertThat(lead.timeZone()).isNull();
        assertThat(lead.numberTimeZone()).isNull();
    }

    @Test
    void everyNumberOnDncRejectsTheLeadAsDnc() {
        DncLookup dnc = Set.of("+447412345123", "+441134960001")::contains;

        rejected(PROCESSOR.process(row(8, "Ann", "07412345123", "0113 496 0001", "", "", "", ""), dnc), Reason.DNC);
    }

    @Test
    void dncWinsOverInvalidPhoneWhenOneNumberWasOnDncAndTheOtherInvalid() {
        DncLookup dnc = Set.of("+447412345123")::contains;

        rejected(PROCESSOR.process(row(9, "Ann", "07412345123", "12345", "", "", "", ""), dnc), Reason.DNC);
    }

    @Test
    void aNumberOnDncIsDroppedAndTheLeadKeptWithTheOther() {
        DncLookup dnc = Set.of("+447412345123")::contains;

        Lead lead = imported(PROCESSOR.process(row(10, "Ann", "07412345123", "0113 496 0001", "", "", "", ""), dnc));

        assertThat(lead.phones()).containsOnlyKeys(LeadField.PHONE2);
        assertThat(lead.phones().get(LeadField.PHONE2).display()).isEqualTo("01134960001");
    }

    @Test
    void countsAlwaysAddUp() {
        OutcomeCounts counts = new OutcomeCounts();
        counts.count(PROCESSOR.process(row(1, "Ann", "07412345123", "", "", "", "", ""), DncLookup.NONE));
        counts.count(PROCESSOR.process(row(2, "Bob", "", "", "", "", "", ""), DncLookup.NONE));
        counts.count(PROCESSOR.process(row(3, "Cy", "1", "", "", "", "", ""), DncLookup.NONE));

        assertThat(counts.imported()).isEqualTo(1);
        assertThat(counts.rejectedByReason()).containsEntry(Reason.NO_CONTACT, 1L).containsEntry(Reason.INVALID_PHONE, 1L);
        assertThat(counts.total()).isEqualTo(3);
    }

    @Test
    void numbersASpreadsheetRewroteAreReadBackOrRejectedSayingTheyLostDigits() {
        Lead decimal = imported(PROCESSOR.process(row(1, "Ann", "7412345123.0", "", "", "", "", ""), DncLookup.NONE));
        Lead scientific = imported(PROCESSOR.process(row(2, "Bob", "7.412345123E+09", "4.41134960001E+11", "", "", "", ""),
                DncLookup.NONE));

        assertThat(decimal.phones().get(LeadField.PHONE1).e164()).isEqualTo("+447412345123");
        assertThat(scientific.phones().get(LeadField.PHONE1).e164()).isEqualTo("+447412345123");
        assertThat(scientific.phones().get(LeadField.PHONE2).e164()).isEqualTo("+441134960001");
        RowOutcome.Rejected lost = rejected(PROCESSOR.process(row(3, "Cy", "7.41235E+09", "", "", "", "", ""), DncLookup.NONE),
                Reason.INVALID_PHONE);
        assertThat(lost.message()).isEqualTo("no valid phone number: Phone 1 '7.41235E+09' (a spreadsheet rewrote it in scientific"
                + " notation and lost digits: export the column as text)");
    }
}
