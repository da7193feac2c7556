package com.leadimport.local.e2e;

import static com.leadimport.local.e2e.Imports.dedupe;
import static com.leadimport.local.e2e.Imports.leads;
import static com.leadimport.local.e2e.Imports.names;
import static com.leadimport.local.e2e.Imports.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.row.Reason;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.adapters.dynamodb.DynamoLeadStore;
import com.leadimport.local.LocalRuntime;
import com.leadimport.ports.LeadStore.LeadRef;
import com.leadimport.ports.StoredLead;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Imports through the real state machine definition, the real handlers and the emulators, one setting at a time. */
class ImportWorkflowTest {

    private LocalRuntime runtime;

    @BeforeEach
    void start() {
        runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null).withChunkRows(2).withThreads(3));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private static void assertAccounted(ImportRecord record) {
        assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(record.imported() + record.rejected()).isEqualTo(record.totalRows());
        assertThat(record.rejectedByReason().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(record.rejected());
    }

    @Test
    void everyRowIsImportedOrRejectedWithItsReasonAndTheRejectedFileHasThem() throws Exception {
        ImportRecord record = run(runtime, "May", "", """
                Ann,07412 345001,ann@example.com
                Bob,,
                Cy,12345,
                Di,07412 345004,di@
                Ed,"07412 345005
                Fi,07412 345006,fi@example.com,extra
                """);

        assertAccounted(record);
        assertThat(record.totalRows()).isEqualTo(6);
        assertThat(record.rejectedByReason()).containsEntry(Reason.NO_CONTACT, 1L).containsEntry(Reason.INVALID_PHONE, 1L)
                .containsEntry(Reason.INVALID_EMAIL, 1L).containsEntry(Reason.MALFORMED_ROW, 2L);
        assertThat(names(runtime, "May")).containsExactly("Ann");
        String rejected;
        try (InputStream in = runtime.files().open(runtime.tables().workBucket(), record.rejectedRowsKey())) {
            rejected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(rejected).as("row numbers as a spreadsheet shows the file: the header is row 1")
                .contains("Name,Phone,Email,Row,Reason,Message").contains("Bob,,,3,NO_CONTACT")
                .contains("Cy,12345,,4,INVALID_PHONE,no valid phone number: Phone 1 '12345'")
                .contains("6,MALFORMED_ROW,row 6: a quote opened").contains("7,MALFORMED_ROW,\"row 7 has 4 cells");
    }

    @Test
    void leadsCarryFormattedPhonesZoneCallInfoSecondaryValuesAndExpiry() {
        runtime.stores().catalog().createSkillGroup("Sales");
        var request = Imports.request("May", "\"expiry\": {\"enabled\": true, \"option\": \"IN_DAYS\", \"inDays\": 10}, "
                + "\"timeZone\": {\"static\": true, \"zone\": \"Europe/Dublin\"}, \"defaultSkillGroup\": \"sales\"");
        var withExtras = new com.leadimport.domain.request.ImportRequest(request.details(), request.settings(), request.mapping(),
                new com.leadimport.domain.request.CallInfo("Hi {Name} ({Email})"),
                new com.leadimport.domain.request.Secondary("Extras", Map.of("Email seen", new com.leadimport.domain.request
                        .SecondaryFieldMapping(List.of("Email"), null, com.leadimport.domain.request.FieldType.TEXT, "none", null))));
        ImportRecord record = runtime.importFile("leads.csv", (Imports.HEADER + "Ann,+44 7412 345001,\n").getBytes(StandardCharsets.UTF_8),
                withExtras, "test");

        assertAccounted(record);
        StoredLead lead = leads(runtime, "May").get(0);
        assertThat(lead.lead().phones().values()).singleElement().satisfies(p -> {
            assertThat(p.display()).isEqualTo("07412345001");
            assertThat(p.e164()).isEqualTo("+447412345001");
        });
        assertThat(lead.lead().callInfo()).isEqualTo("Hi Ann ()");
        assertThat(lead.lead().timeZone()).isEqualTo("Europe/Dublin");
        assertThat(lead.lead().secondary()).containsEntry("Email seen", "none");
        assertThat(lead.lead().fields()).as("the system's skill group, named ignoring case")
                .containsEntry(com.leadimport.domain.request.LeadField.SKILL_GROUP, "Sales");
        assertThat(lead.expiresOn()).isEqualTo(record.importDate().plusDays(10));
        assertThat(runtime.stores().catalog().contactTable("Extras")).isPresent();
    }

    @Test
    void inFileDuplicatesKeepTheFirstRowOrWithKeepNewTheLast() {
        String rows = "Ann,07412 345001,\nBob,07412 345001,\nCy,07412 345003,\n";

        ImportRecord first = run(runtime, "A", dedupe("FILE", "KEEP_EXISTING", ""), rows);
        ImportRecord last = run(runtime, "B", dedupe("FILE", "KEEP_NEW", ""), rows);

        assertAccounted(first);
        assertThat(names(runtime, "A")).containsExactly("Ann", "Cy");
        assertThat(names(runtime, "B")).containsExactly("Bob", "Cy");
        assertThat(last.rejectedByReason()).containsEntry(Reason.DUPLICATE, 1L);
    }

    @Test
    void fileScopeIgnoresStoredLeads() {
        run(runtime, "A", "", "Ann,07412 345001,\n");

        ImportRecord again = run(runtime, "A", dedupe("FILE", "KEEP_EXISTING", ""), "Ann2,07412 345001,\n");

        assertThat(again.imported()).isEqualTo(1);
        assertThat(names(runtime, "A")).containsExactly("Ann", "Ann2");
    }

    @Test
    void keepExistingRejectsAgainstTheDestinationListOnly() {
        run(runtime, "A", "", "Ann,07412 345001,\n");
        run(runtime, "Other", "", "Bob,07412 345002,\n");

        ImportRecord record = run(runtime, "A", dedupe("LISTS", "KEEP_EXISTING", "\"destinationList\": true"),
                "Ann2,07412 345001,\nBob2,07412 345002,\n");

        assertAccounted(record);
        assertThat(record.rejectedByReason()).containsEntry(Reason.DUPLICATE, 1L);
        assertThat(names(runtime, "A")).containsExactly("Ann", "Bob2");
    }

    @Test
    void additionalListsAreSearchedAndGlobalSearchesEverything() {
        run(runtime, "April", "", "Ann,,ann@example.com\n");
        run(runtime, "March", "", "Bob,07412 345002,\n");

        ImportRecord additional = run(runtime, "May", dedupe("LISTS", "KEEP_EXISTING", "\"additionalLists\": [\"April\"]"),
                "Ann,,ANN@example.com\nBob,07412 345002,\n");
        ImportRecord global = run(runtime, "June", dedupe("GLOBAL", "KEEP_EXISTING", ""),
                "Ann,,ann@example.com\nBob,07412 345002,\nCy,07412 345003,\n");

        assertThat(names(runtime, "May")).containsExactly("Bob");
        assertThat(names(runtime, "June")).containsExactly("Cy");
        assertThat(global.rejectedByReason()).containsEntry(Reason.DUPLICATE, 2L);
        assertAccounted(additional);
    }

    @Test
    void keepNewReplacesTheStoredLeads() {
        run(runtime, "A", "", "Ann,07412 345001,\nBob,07412 345002,\n");

        ImportRecord record = run(runtime, "A", dedupe("LISTS", "KEEP_NEW", "\"destinationList\": true"), "Ann2,07412 345001,\n");

        assertAccounted(record);
        assertThat(record.replacedExisting()).isEqualTo(1);
        assertThat(names(runtime, "A")).containsExactly("Ann2", "Bob");
    }

    @Test
    void resetOlderResetsCallAttemptsAndDoesNotImport() {
        run(runtime, "A", "", "Ann,07412 345001,\n");
        StoredLead existing = leads(runtime, "A").get(0);
        runtime.dynamoDbClient().updateItem(b -> b.tableName(runtime.tables().leads())
                .key(DynamoLeadStore.leadKey("A", existing.leadId()))
                .updateExpression("SET callAttempts = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN("4"))));

        ImportRecord record = run(runtime, "A", dedupe("LISTS", "RESET_OLDER", "\"destinationList\": true"), "Ann2,07412 345001,\n");

        assertAccounted(record);
        assertThat(record.rejectedByReason()).containsExactly(Map.entry(Reason.RESET_EXISTING, 1L));
        assertThat(leads(runtime, "A")).singleElement().satisfies(l -> assertThat(l.callAttempts()).isZero());
    }

    @Test
    void dncDropsNumbersOnTickedCategoriesOnly() {
        runtime.stores().dnc().add("IVR", List.of("+447412345001"));
        runtime.stores().dnc().add("Requested", List.of("+447412345002"));
        String dnc = "\"dnc\": {\"enabled\": true, \"categories\": [\"ivr\"]}";

        ImportRecord record = run(runtime, "A", dnc, "Ann,07412 345001,\nBob,07412 345002,\nCy,07412 345001,cy@example.com\n");

        assertAccounted(record);
        assertThat(record.request().settings().dnc().categories()).as("named ignoring case").containsExactly("IVR");
        assertThat(record.rejectedByReason()).containsExactly(Map.entry(Reason.DNC, 1L));
        assertThat(names(runtime, "A")).containsExactly("Bob", "Cy");
        assertThat(leads(runtime, "A")).filteredOn(l -> l.lead().email() != null).singleElement()
                .satisfies(l -> assertThat(l.lead().phones()).isEmpty());
    }

    @Test
    void deleteExistingKeepsLeadsWithCallbacksWhenAsked() {
        run(runtime, "A", "", "Ann,07412 345001,\nBob,07412 345002,\n");
        StoredLead ann = leads(runtime, "A").stream().filter(l -> l.lead().rowNumber() == 2).findFirst().orElseThrow();
        runtime.stores().leads().addCallback(new LeadRef("A", ann.leadId()), "cb1", "2026-12-01T10:00");

        run(runtime, "A", "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": true}", "Cy,07412 345003,\n");
        assertThat(names(runtime, "A")).containsExactly("Ann", "Cy");

        run(runtime, "A", "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": false}", "Di,07412 345004,\n");
        assertThat(names(runtime, "A")).containsExactly("Di");
        assertThat(runtime.stores().leads().callbacks("A")).isEmpty();
    }

    @Test
    void aFileRefusedPartWayLeavesTheListAndItsBufferAsTheyWere() {
        run(runtime, "A", "", "Ann,07412 345001,\nBob,07412 345002,\n");
        runtime.stores().buffer().add("A", List.of("x-1", "x-2"));
        StringBuilder rows = new StringBuilder(Imports.HEADER);
        for (int i = 0; i < 5_000; i++) {
            rows.append("Row").append(i).append(",07412 3").append(String.format("%05d", i)).append(",\n");
        }
        byte[] good = rows.toString().getBytes(StandardCharsets.UTF_8);
        byte[] file = java.util.Arrays.copyOf(good, good.length + 8);
        // valid UTF-8 for 100 KB, then a byte that is neither UTF-8 nor part of the Windows-1252 read
        System.arraycopy("Zo\u00eb,07".getBytes(StandardCharsets.UTF_8), 0, file, good.length, 7);
        file[good.length + 7] = (byte) 0xE9;

        ImportRecord refused = runtime.importFile("leads.csv", file, Imports.request("A",
                "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": false}, \"clearFetchedData\": true"), "test");

        assertThat(refused.status()).as(refused.error()).isEqualTo(ImportStatus.REFUSED);
        assertThat(names(runtime, "A")).containsExactly("Ann", "Bob");
        assertThat(runtime.stores().buffer().contents("A")).containsExactly("x-1", "x-2");
    }

    @Test
    void aSemicolonSpreadsheetExportWithBlankRowsAndShoutedHeaders() {
        ImportRequest request = Imports.request("A", "");
        byte[] file = "NAME ; phone;  Email\r\nAnn;07412 345001;\r\n;;\r\n\r\nBob;07412 345002;bob@example.com\r\n;;\r\n"
                .getBytes(StandardCharsets.UTF_8);

        ImportRecord record = runtime.importFile("export.csv", file, request, "test");

        assertThat(record.status()).as(record.error()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(record.totalRows()).isEqualTo(2);
        assertThat(record.blankRows()).isEqualTo(3);
        assertThat(record.imported()).isEqualTo(2);
        assertThat(names(runtime, "A")).containsExactly("Ann", "Bob");
    }

    @Test
    void clearFetchedDataFlushesTheListsBuffer() {
        runtime.stores().buffer().add("A", List.of("x-1", "x-2"));
        runtime.stores().buffer().add("B", List.of("y-1"));

        run(runtime, "A", "\"clearFetchedData\": true", "Ann,07412 345001,\n");

        assertThat(runtime.stores().buffer().contents("A")).isEmpty();
        assertThat(runtime.stores().buffer().contents("B")).containsExactly("y-1");
    }

    @Test
    void theMidnightPurgeRemovesExpiredLeadsWithTheirCallbacksAndIsHarmlessTwice() {
        ImportRecord expiring = run(runtime, "A", "\"expiry\": {\"enabled\": true, \"option\": \"IN_DAYS\", \"inDays\": 1}",
                "Ann,07412 345001,\nBob,07412 345002,\nCy,07412 345003,\n");
        run(runtime, "A", "", "Keep,07412 345009,\n");
        String expiringLead = leads(runtime, "A").stream().filter(l -> l.importId().equals(expiring.importId()))
                .findFirst().orElseThrow().leadId();
        runtime.stores().leads().addCallback(new LeadRef("A", expiringLead), "cb", "2026-12-01T10:00");
        var expiry = expiring.expiresOn();

        runtime.purge(expiry);
        assertThat(names(runtime, "A")).hasSize(4);

        var purge = runtime.purge(expiry.plusDays(1));
        assertThat(purge.status().name()).isEqualTo("SUCCEEDED");
        assertThat(purge.output().get("purged").toString()).as("the purge says what it removed")
                .isEqualTo("{\"imports\":1,\"leads\":3,\"callbacks\":1}");
        assertThat(names(runtime, "A")).containsExactly("Keep");
        assertThat(runtime.stores().leads().callbacks("A")).isEmpty();
        assertThat(runtime.stores().imports().find(expiring.importId()).orElseThrow().purged()).isTrue();
        assertThat(runtime.stores().leads().findMatches(List.of("P#+447412345001"), null)).isEmpty();

        var again = runtime.purge(expiry.plusDays(1));
        assertThat(again.status().name()).isEqualTo("SUCCEEDED");
        assertThat(again.output().get("purged").toString()).isEqualTo("{\"imports\":0,\"leads\":0,\"callbacks\":0}");
        assertThat(names(runtime, "A")).containsExactly("Keep");
    }

    @Test
    void aFileThatBreaksARuleIsRefusedAndNothingIsImported() {
        ImportRecord wrongType = runtime.importFile("leads.xlsx", "Name,Phone,Email\nA,07412 345001,\n".getBytes(StandardCharsets.UTF_8),
                Imports.request("A", ""), "test");
        ImportRecord unknownHeader = runtime.importFile("leads.csv", "Nome,Phone,Email\nA,07412 345001,\n".getBytes(StandardCharsets.UTF_8),
                Imports.request("A", ""), "test");
        ImportRecord unknownCategory = run(runtime, "A", "\"dnc\": {\"enabled\": true, \"categories\": [\"Nope\"]}", "A,07412 345001,\n");

        assertThat(wrongType.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(wrongType.error()).isEqualTo("The file must be a .csv file (got 'leads.xlsx')");
        assertThat(unknownHeader.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(unknownHeader.error()).contains("Lead Mapping - First name: 'Name' is not a header of the file");
        assertThat(unknownCategory.error()).contains("Settings - DNC categories: there is no DNC category 'Nope'; the categories are IVR, Imported, Requested (create it first)");
        assertThat(names(runtime, "A")).isEmpty();
    }

    @Test
    void anAdHocImportSavesNoSettingsMappingOrSupplierDefault() {
        var adHoc = Imports.request("AdHoc", "\"name\": \"One off\", \"myDefault\": true");

        Imports.run(runtime, "AdHoc", "\"name\": \"One off\", \"myDefault\": true", "Ann,07412 345001,\n");

        assertThat(adHoc.details().adHoc()).isTrue();
        assertThat(names(runtime, "AdHoc")).containsExactly("Ann");
        assertThat(runtime.stores().catalog().settingsProfiles()).extracting(s -> s.name()).doesNotContain("One off");
        assertThat(runtime.stores().catalog().myDefaultSettingsProfile("test")).isEmpty();
        assertThat(runtime.stores().catalog().supplierDefault("Acme")).isEmpty();
    }

    @Test
    void savedSettingsBecomeTheSuppliersDefaultAndADropUsesThem() {
        var request = Imports.request("Drops", "\"name\": \"Acme weekly\"");
        var saved = new com.leadimport.domain.request.ImportRequest(
                new com.leadimport.domain.request.Details(null, "Drops", "Acme", null, false), request.settings(),
                new com.leadimport.domain.request.Mapping("Acme layout", request.mapping().fields()), null, null);
        runtime.importFile("first.csv", (Imports.HEADER + "Ann,07412 345001,\n").getBytes(StandardCharsets.UTF_8), saved, "test");

        runtime.upload("suppliers/Acme/second.csv", (Imports.HEADER + "Bob,07412 345002,\n").getBytes(StandardCharsets.UTF_8));
        runtime.upload("suppliers/Nobody/x.csv", (Imports.HEADER + "Cy,07412 345003,\n").getBytes(StandardCharsets.UTF_8));

        assertThat(runtime.stores().catalog().settingsProfiles()).extracting(s -> s.name()).contains("Acme weekly");
        assertThat(runtime.stores().catalog().mappingProfiles()).extracting(m -> m.name()).contains("Acme layout");
        assertThat(names(runtime, "Drops")).containsExactly("Ann", "Bob");
        assertThat(runtime.stores().imports().history(10)).anySatisfy(r -> {
            assertThat(r.createdBy()).isEqualTo("supplier:Nobody");
            assertThat(r.status()).isEqualTo(ImportStatus.FAILED);
            assertThat(r.error()).contains("supplier 'Nobody' has no default settings and mapping");
        });
    }

    @Test
    void aRepeatedEventStartsNothingNew() {
        byte[] file = (Imports.HEADER + "Ann,07412 345001,\n").getBytes(StandardCharsets.UTF_8);
        var first = runtime.upload("suppliers/Acme/repeat.csv", file);
        var saved = runtime.stores().imports().history(1).get(0);

        var repeat = runtime.deliverObjectCreated("suppliers/Acme/repeat.csv", file.length, "same-sequencer");
        var repeatAgain = runtime.deliverObjectCreated("suppliers/Acme/repeat.csv", file.length, "same-sequencer");

        assertThat(first.status().name()).isEqualTo("FAILED");
        assertThat(repeatAgain.events()).anyMatch(e -> e.startsWith("StateEntered AlreadyHandled"));
        assertThat(repeat.status().name()).isIn("FAILED", "SUCCEEDED");
        assertThat(saved.createdBy()).isEqualTo("supplier:Acme");
    }

    /** A key as S3 notifications give it: each segment URL-encoded, spaces as '+'. */
    private static String encoded(String key) {
        return java.util.Arrays.stream(key.split("/")).map(part -> java.net.URLEncoder.encode(part, StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("/"));
    }

    @Test
    void dropKeysAreReadEncodedOrNot() {
        var request = Imports.request("Odd", "\"name\": \"Odd\"");
        String[][] drops = {{"Acme Data", "weekly leads.csv", "true"}, {"A+B Ltd", "a+b.csv", "true"},
                {"100% Leads", "50%.csv", "true"}, {"Café Ltd", "résumé 1.csv", "true"}, {"A+B Ltd", "raw+key.csv", "false"}};
        int phone = 0;
        for (String[] drop : drops) {
            runtime.stores().catalog().saveSupplierDefault(drop[0], new com.leadimport.domain.request.ImportRequest(
                    new com.leadimport.domain.request.Details(null, "Odd", drop[0], null, false), request.settings(),
                    request.mapping(), null, null));
            String key = "suppliers/" + drop[0] + "/" + drop[1];
            byte[] file = (Imports.HEADER + drop[1] + ",07412 34500" + phone++ + ",\n").getBytes(StandardCharsets.UTF_8);
            runtime.files().put(runtime.tables().uploadBucket(), key, file, "text/csv");

            var execution = runtime.deliverObjectCreated(Boolean.parseBoolean(drop[2]) ? encoded(key) : key, file.length, "seq-" + phone);

            assertThat(execution.succeeded()).as(key + ": " + execution.cause()).isTrue();
            assertThat(runtime.stores().imports().history(1).get(0)).satisfies(r -> {
                assertThat(r.status()).as(r.error()).isEqualTo(ImportStatus.COMPLETED);
                assertThat(r.createdBy()).isEqualTo("supplier:" + drop[0]);
                assertThat(r.fileName()).isEqualTo(drop[1]);
                assertThat(r.request().details().supplier()).isEqualTo(drop[0]);
            });
        }
        assertThat(names(runtime, "Odd")).containsExactlyInAnyOrder("weekly leads.csv", "a+b.csv", "50%.csv", "résumé 1.csv",
                "raw+key.csv");
    }
}
