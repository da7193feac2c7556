package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.WORK_BUCKET;
import static com.leadimport.workflow.FakeWorkflow.request;
import static com.leadimport.workflow.FakeWorkflow.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.domain.request.Details;
import com.leadimport.domain.request.FieldType;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Mapping;
import com.leadimport.domain.request.Secondary;
import com.leadimport.domain.request.SecondaryFieldMapping;
import com.leadimport.domain.row.Reason;
import com.leadimport.domain.row.RowOutcome;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.LeadStore.LeadRef;
import com.leadimport.ports.SecondaryMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two chunks: rows 1, 2, 4 imported; 3 without contact, 5 and 6 duplicates; one stored lead replaced by both chunks. */
class FinalizeImportTest {

    private static final LeadRef X = new LeadRef("Dest", "old-000000001");
    private static final LeadRef Y = new LeadRef("Other", "old-000000002");

    private final FakeWorkflow fakes = new FakeWorkflow();

    private SplitResult writtenChunks(ImportRequest request, long totalRows) {
        fakes.running("imp1", request, 2, totalRows, null);
        fakes.chunkFile("imp1", 0, List.of(row(1, "Ann", "07412 345001", ""), row(2, "Bob", "07412 345002", ""),
                row(3, "Cy", "", "")));
        fakes.resultFile(new ChunkResult(0, List.of(1L, 2L),
                List.of(new RowOutcome.Rejected(3, Reason.NO_CONTACT, "no phone or email", List.of("Cy", "", ""))),
                List.of(X), List.of()), "imp1");
        fakes.resultFile(new ChunkResult(1, List.of(4L), List.of(
                new RowOutcome.Rejected(5, Reason.DUPLICATE, "duplicate of an earlier row of this file", List.of("Ed", "07412 345001", "")),
                new RowOutcome.Rejected(6, Reason.DUPLICATE, "duplicate of an earlier row", List.of("=HYPERLINK(\"x\")", "+44 7412 345002", ""))),
                List.of(X, Y), List.of()), "imp1");
        return FakeWorkflow.split("imp1", 2, totalRows);
    }

    private static ImportRequest saved() {
        ImportRequest base = request("Dest", "\"name\": \"Weekly\", \"myDefault\": true");
        return new ImportRequest(new Details(null, "Dest", "Acme", null, false), base.settings(),
                new Mapping("Acme layout", base.mapping().fields()), null, null);
    }

    @Test
    void theCountsOfEveryChunkAddUpAndTheImportCompletesWithThem() {
        ImportSummary summary = fakes.workflow.finalizeImport().finish(writtenChunks(request("Dest", ""), 6));

        Map<Reason, Long> byReason = Map.of(Reason.NO_CONTACT, 1L, Reason.DUPLICATE, 2L);
        assertThat(summary).isEqualTo(new ImportSummary("imp1", "COMPLETED", 6, 3, 3, byReason, 2, "rejected/imp1.csv", null));
        ImportRecord record = fakes.imports.find("imp1").orElseThrow();
        assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(record.imported()).isEqualTo(3);
        assertThat(record.rejected()).isEqualTo(3);
        assertThat(record.rejectedByReason()).isEqualTo(byReason);
        assertThat(record.replacedExisting()).as("X replaced by both chunks counts once").isEqualTo(2);
        assertThat(record.rejectedRowsKey()).isEqualTo("rejected/imp1.csv");
    }

    @Test
    void theRejectedRowsFileHasTheOriginalColumnsThenRowReasonAndMessage() {
        fakes.workflow.finalizeImport().finish(writtenChunks(request("Dest", ""), 6));

        String file = fakes.text(WORK_BUCKET, "rejected/imp1.csv");
        assertThat(file).startsWith("\uFEFF");
        assertThat(file.substring(1).split("\r?\n")).containsExactly(
                "Name,Phone,Email,Row,Reason,Message",
                "Cy,,,3,NO_CONTACT,no phone or email",
                "Ed,07412 345001,,5,DUPLICATE,duplicate of an earlier row of this file",
                "\"'=HYPERLINK(\"\"x\"\")\",+44 7412 345002,,6,DUPLICATE,duplicate of an earlier row");
    }

    @Test
    void countsThatDoNotAccountForEveryRowFailLoudlyAndCompleteNothing() {
        SplitResult split = writtenChunks(request("Dest", ""), 7);

        assertThatThrownBy(() -> fakes.workflow.finalizeImport().finish(split)).isInstanceOf(IllegalStateException.class)
                .hasMessage("import imp1 accounts for 6 rows (3 imported + 3 rejected) but the file has 7");

        assertThat(fakes.imports.find("imp1").orElseThrow().status()).isEqualTo(ImportStatus.RUNNING);
        assertThat(fakes.files.list(WORK_BUCKET, WorkFiles.prefix("imp1"))).isNotEmpty();
    }

    @Test
    void anImportWithNoRejectionsHasNoRejectedRowsFile() {
        fakes.running("imp1", request("Dest", ""), 1, 2, null);
        fakes.resultFile(new ChunkResult(0, List.of(1L, 2L), List.of(), List.of(), List.of()), "imp1");

        ImportSummary summary = fakes.workflow.finalizeImport().finish(FakeWorkflow.split("imp1", 1, 2));

        assertThat(summary.rejectedRowsFile()).isNull();
        assertThat(summary.imported()).isEqualTo(2);
        assertThat(fakes.files.list(WORK_BUCKET, "rejected/")).isEmpty();
        assertThat(fakes.imports.find("imp1").orElseThrow().status()).isEqualTo(ImportStatus.COMPLETED);
    }

    @Test
    void theWorkFilesAreClearedButTheRejectedRowsFileStays() {
        fakes.workflow.finalizeImport().finish(writtenChunks(request("Dest", ""), 6));

        assertThat(fakes.files.list(WORK_BUCKET, "")).containsExactly("rejected/imp1.csv");
    }

    @Test
    void aSavedImportBecomesTheOwnersSettingsTheMappingProfileAndTheSuppliersDefault() {
        ImportRequest request = saved();

        fakes.workflow.finalizeImport().finish(writtenChunks(request, 6));

        assertThat(fakes.catalog.settingsProfiles()).containsExactly(request.settings());
        assertThat(fakes.catalog.myDefaultSettingsProfile("ann")).contains("Weekly");
        assertThat(fakes.catalog.mappingProfiles()).containsExactly(request.mapping());
        assertThat(fakes.catalog.supplierDefault("Acme")).contains(request);
        assertThat(fakes.catalog.secondaryMappings()).as("no secondary mapping, none saved").isEmpty();
    }

    @Test
    void aSavedImportsSecondaryMappingIsOfferedUnderItsMappingsName() {
        ImportRequest base = saved();
        Secondary secondary = new Secondary("Contracts", Map.of("Contract End",
                new SecondaryFieldMapping(List.of("End"), null, FieldType.DATE, null, null)));
        ImportRequest request = new ImportRequest(base.details(), base.settings(), base.mapping(), null, secondary);

        fakes.workflow.finalizeImport().finish(writtenChunks(request, 6));

        assertThat(fakes.catalog.secondaryMappings()).containsExactly(new SecondaryMapping("Acme layout", secondary));
    }

    @Test
    void anAdHocImportSavesNothingForReuse() {
        fakes.workflow.finalizeImport().finish(writtenChunks(request("Dest", "\"name\": \"Once\", \"myDefault\": true"), 6));

        assertThat(fakes.catalog.settingsProfiles()).isEmpty();
        assertThat(fakes.catalog.myDefaultSettingsProfile("ann")).isEmpty();
        assertThat(fakes.catalog.mappingProfiles()).isEmpty();
        assertThat(fakes.catalog.secondaryMappings()).isEmpty();
        assertThat(fakes.catalog.supplierDefault("Acme")).isEmpty();
    }

    @Test
    void aFinalizeRetriedAfterItFinishedReportsTheSameSummary() {
        SplitResult split = writtenChunks(request("Dest", ""), 6);
        ImportSummary first = fakes.workflow.finalizeImport().finish(split);

        // the Lambda's response was lost (Lambda.ServiceException / SdkClientException): the state machine retries Finalize
        ImportSummary retried = fakes.workflow.finalizeImport().finish(split);

        assertThat(retried).isEqualTo(first);
    }
}
