package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.EXECUTION;
import static com.leadimport.workflow.FakeWorkflow.UPLOAD_BUCKET;
import static com.leadimport.workflow.FakeWorkflow.lead;
import static com.leadimport.workflow.FakeWorkflow.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.domain.csv.FileRefusedException;
import com.leadimport.domain.request.Details;
import com.leadimport.domain.request.FieldType;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Mapping;
import com.leadimport.domain.request.Problem;
import com.leadimport.domain.request.RequestRefusedException;
import com.leadimport.domain.request.Secondary;
import com.leadimport.domain.request.SecondaryFieldMapping;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.ContactTable;
import com.leadimport.ports.LeadStore.LeadRef;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrepareImportTest {

    private static final String FILE = "Name,Phone,Email\nAnn,07412 345001,\n";

    private final FakeWorkflow fakes = new FakeWorkflow();
    private final PrepareImport prepare = fakes.workflow.prepareImport();

    @Test
    void aWizardUploadIsClaimedForThisExecutionAndItsListAndSupplierRecorded() {
        FileArrived file = fakes.upload("imp1", "leads.csv", FILE, request("May", ""));

        ImportJob job = prepare.prepare(file);

        assertThat(job).isEqualTo(new ImportJob("imp1", false));
        ImportRecord record = fakes.imports.find("imp1").orElseThrow();
        assertThat(record.status()).isEqualTo(ImportStatus.RUNNING);
        assertThat(record.executionId()).isEqualTo(EXECUTION);
        assertThat(fakes.catalog.lists()).containsExactly("May");
        assertThat(fakes.catalog.suppliers()).containsExactly("Acme");
    }

    @Test
    void theSameExecutionRetriedClaimsAgainButAnotherExecutionIsSkippedAndChangesNothing() {
        FileArrived file = fakes.upload("imp1", "leads.csv", FILE,
                request("May", "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": false}"));
        prepare.prepare(file);
        fakes.stored("May", "imp1", lead(1, "Ann", "345001", null), 0);

        ImportJob retried = prepare.prepare(file);
        fakes.stored("May", "imp1", lead(1, "Ann", "345001", null), 0);
        ImportJob repeated = prepare.prepare(new FileArrived(file.bucket(), file.key(), file.size(), file.sequencer(), "exec-2"));

        assertThat(retried.skip()).isFalse();
        assertThat(repeated).isEqualTo(ImportJob.skipped("imp1"));
        assertThat(fakes.names("May")).as("the repeated event deleted nothing").containsExactly("Ann");
        assertThat(fakes.imports.find("imp1").orElseThrow().executionId()).isEqualTo(EXECUTION);
    }

    @Test
    void aFinishedImportIsNotClaimedAgain() {
        FileArrived file = fakes.upload("imp1", "leads.csv", FILE, request("May", ""));
        prepare.prepare(file);
        fakes.imports.ended("imp1", ImportStatus.FAILED, "boom");

        ImportJob again = prepare.prepare(file);

        assertThat(again.skip()).isTrue();
        assertThat(fakes.imports.find("imp1").orElseThrow().status()).isEqualTo(ImportStatus.FAILED);
    }

    @Test
    void aFileThatIsNotCsvIsRefusedBeforeAnythingIsDeletedOrCleared() {
        fakes.stored("May", "old", lead(1, "Old", "345009", null), 0);
        fakes.buffer.add("May", List.of("old-000000001"));
        FileArrived file = fakes.upload("imp1", "leads.xlsx", FILE, request("May",
                "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": false}, \"clearFetchedData\": true"));

        assertThatThrownBy(() -> prepare.prepare(file)).isInstanceOf(FileRefusedException.class)
                .hasMessage("The file must be a .csv file (got 'leads.xlsx')");

        assertThat(fakes.names("May")).containsExactly("Old");
        assertThat(fakes.buffer.contents("May")).containsExactly("old-000000001");
        assertThat(fakes.catalog.lists()).isEmpty();
    }

    @Test
    void aRequestThatDoesNotFitTheFileIsRefusedNamingTheProblem() {
        fakes.stored("May", "old", lead(1, "Old", "345009", null), 0);
        FileArrived file = fakes.upload("imp1", "leads.csv", "Nome,Phone,Email\nAnn,07412 345001,\n", request("May",
                "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": false}"));

        assertThatThrownBy(() -> prepare.prepare(file)).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("Lead Mapping - First name: 'Name' is not a header of the file");

        assertThat(fakes.names("May")).containsExactly("Old");
    }

    @Test
    void namesTheRequestUsesMustExistInTheCatalog() {
        FileArrived file = fakes.upload("imp1", "leads.csv", FILE, request("May",
                "\"dnc\": {\"enabled\": true, \"categories\": [\"IVR\", \"Nope\"]}, "
                        + "\"dedupe\": {\"enabled\": true, \"on\": \"PHONE\", \"scope\": \"LISTS\", \"additionalLists\": [\"April\"],"
                        + " \"action\": \"KEEP_EXISTING\"}, \"defaultSkillGroup\": \"Salse\""));
        fakes.catalog.createSkillGroup("Sales");
        fakes.catalog.createSkillGroup("Retention");

        assertThatThrownBy(() -> prepare.prepare(file)).isInstanceOfSatisfying(RequestRefusedException.class,
                refused -> assertThat(refused.problems()).extracting(Problem::text).containsExactly(
                        "Settings - DNC categories: there is no DNC category 'Nope'; the categories are IVR, Imported, Requested (create it first)",
                        "Settings - Additional lists: 'April' is not a list",
                        "Settings - Default Skill Group: there is no skill group 'Salse'; the skill groups are Retention, Sales"
                                + " (add it first, or choose None)"));
        assertThat(fakes.catalog.lists()).isEmpty();
    }

    @Test
    void theRequestIsSavedAsResolvedWithSecondaryFieldsTypedFromTheirTable() {
        fakes.catalog.saveContactTable(new ContactTable("Extras",
                List.of(new ContactTable.Field("Seen", "first seen", FieldType.DATE, null))));
        ImportRequest base = request("May", "");
        ImportRequest withSecondary = new ImportRequest(base.details(), base.settings(), base.mapping(), null,
                new Secondary("Extras", Map.of(
                        "Seen", new SecondaryFieldMapping(List.of("Email"), null, null, null, null),
                        "Source", new SecondaryFieldMapping(List.of("Name"), null, FieldType.TEXT, "web", "where from"))));
        FileArrived file = fakes.upload("imp1", "leads.csv", FILE, withSecondary);

        prepare.prepare(file);

        Secondary saved = fakes.imports.find("imp1").orElseThrow().request().secondary();
        assertThat(saved.fields().get("Seen").type()).isEqualTo(FieldType.DATE);
        assertThat(fakes.catalog.contactTable("Extras").orElseThrow().fields()).extracting(ContactTable.Field::name)
                .containsExactly("Seen", "Source");
    }

    @Test
    void aSupplierDropIsCreatedFromTheSuppliersDefaultAsAnAdHocImportDatedInLondon() {
        // 00:30 on 5 May in London, still 4 May in UTC
        FakeWorkflow late = new FakeWorkflow(Clock.fixed(Instant.parse("2026-05-04T23:30:00Z"), ZoneOffset.UTC), 2, 10);
        ImportRequest base = request("Drops", "\"name\": \"Acme weekly\"");
        late.catalog.saveSupplierDefault("Acme", new ImportRequest(new Details("weekly", "Drops", "Acme", null, false),
                base.settings(), new Mapping("Acme layout", base.mapping().fields()), null, null));
        String key = UploadKeys.supplierDrop("Acme", "monday.csv");
        late.files.put(UPLOAD_BUCKET, key, FILE.getBytes(StandardCharsets.UTF_8), "text/csv");

        ImportJob job = late.workflow.prepareImport().prepare(new FileArrived(UPLOAD_BUCKET, key, 30L, "seq-7", EXECUTION));

        assertThat(job.importId()).isEqualTo(UploadKeys.dropImportId(UPLOAD_BUCKET, key, "seq-7")).startsWith("drop-");
        assertThat(job.skip()).isFalse();
        ImportRecord record = late.imports.find(job.importId()).orElseThrow();
        assertThat(record.status()).isEqualTo(ImportStatus.RUNNING);
        assertThat(record.createdBy()).isEqualTo("supplier:Acme");
        assertThat(record.importDate()).isEqualTo(LocalDate.of(2026, 5, 5));
        assertThat(record.fileName()).isEqualTo("monday.csv");
        assertThat(record.request().details()).isEqualTo(new Details("Supplier drop: monday.csv", "Drops", "Acme", null, true));
        assertThat(record.request().settings()).isEqualTo(base.settings());
    }

    @Test
    void aRedeliveredDropFindsTheSameImportAndIsSkipped() {
        fakes.catalog.saveSupplierDefault("Acme", request("Drops", ""));
        String key = UploadKeys.supplierDrop("Acme", "monday.csv");
        fakes.files.put(UPLOAD_BUCKET, key, FILE.getBytes(StandardCharsets.UTF_8), "text/csv");
        ImportJob first = prepare.prepare(new FileArrived(UPLOAD_BUCKET, key, 30L, "seq-7", EXECUTION));

        ImportJob again = prepare.prepare(new FileArrived(UPLOAD_BUCKET, key, 30L, "seq-7", "exec-2"));
        ImportJob newVersion = prepare.prepare(new FileArrived(UPLOAD_BUCKET, key, 30L, "seq-8", "exec-3"));

        assertThat(again).isEqualTo(ImportJob.skipped(first.importId()));
        assertThat(newVersion.importId()).isNotEqualTo(first.importId());
        assertThat(newVersion.skip()).isFalse();
        assertThat(fakes.imports.history(10)).hasSize(2);
    }

    @Test
    void aDropFromASupplierWithoutADefaultLeavesAnImportToRecordTheFailureOn() {
        String key = UploadKeys.supplierDrop("Nobody", "x.csv");
        fakes.files.put(UPLOAD_BUCKET, key, FILE.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThatThrownBy(() -> prepare.prepare(new FileArrived(UPLOAD_BUCKET, key, 30L, "seq-1", EXECUTION)))
                .isInstanceOf(SupplierNotConfiguredException.class).hasMessageContaining("supplier 'Nobody'");

        assertThat(fakes.imports.find(UploadKeys.dropImportId(UPLOAD_BUCKET, key, "seq-1"))).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(ImportStatus.AWAITING_FILE);
            assertThat(record.createdBy()).isEqualTo("supplier:Nobody");
            assertThat(record.request()).isNull();
        });
    }

    @Test
    void aKeyThatIsNotAnUploadIsRefusedAndCreatesNothing() {
        assertThatThrownBy(() -> prepare.prepare(new FileArrived(UPLOAD_BUCKET, "elsewhere/x.csv", 30L, "seq-1", EXECUTION)))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("'elsewhere/x.csv' is not an import upload");

        assertThat(fakes.imports.history(10)).isEmpty();
    }

    @Test
    void prepareDeletesNothingAndClearsNothingEvenWhenAsked() {
        fakes.stored("May", "old", lead(1, "Ann", "345001", null), 0);
        fakes.buffer.add("May", List.of("old-000000001"));

        prepare.prepare(fakes.upload("imp1", "leads.csv", FILE, request("May",
                "\"deleteExisting\": {\"enabled\": true, \"keepLeadsWithCallbacks\": false}, \"clearFetchedData\": true")));

        assertThat(fakes.names("May")).as("deleted only by PrepareList, once the file is read and the lease held").containsExactly("Ann");
        assertThat(fakes.buffer.contents("May")).containsExactly("old-000000001");
    }
}
