package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.EXECUTION;
import static com.leadimport.workflow.FakeWorkflow.NOW;
import static com.leadimport.workflow.FakeWorkflow.TODAY;
import static com.leadimport.workflow.FakeWorkflow.UPLOAD_BUCKET;
import static com.leadimport.workflow.FakeWorkflow.WORK_BUCKET;
import static com.leadimport.workflow.FakeWorkflow.lead;
import static com.leadimport.workflow.FakeWorkflow.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.csv.FileRefusedException;
import com.leadimport.domain.request.RequestRefusedException;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportResult;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.StoredLead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkImportEndedTest {

    private static final String UPLOAD_KEY = UploadKeys.upload("imp1", "leads.csv");

    private final FakeWorkflow fakes = new FakeWorkflow();

    private static ExecutionFailure failure(String executionId, ImportJob job, String error, String cause) {
        return new ExecutionFailure(new FileArrived(UPLOAD_BUCKET, UPLOAD_KEY, 30L, "seq-1", executionId), job,
                new ExecutionFailure.Error(error, cause));
    }

    private static String lambdaError(String type, String message) {
        return "{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type + "\",\"stackTrace\":[]}";
    }

    /** The import running, with {@code count} leads its chunks wrote to Dest and a working file. */
    private void runningWithLeads(int count) {
        fakes.running("imp1", request("Dest", ""), 1, count, TODAY.plusDays(5));
        List<StoredLead> written = new ArrayList<>();
        for (int row = 1; row <= count; row++) {
            written.add(new StoredLead(StoredLead.leadId("imp1", row), "Dest", "imp1", lead(row, "L" + row, null, "l" + row + "@x.com"),
                    null, TODAY.plusDays(5), 0));
        }
        fakes.leads.write(written);
        fakes.files.put(WORK_BUCKET, WorkFiles.manifest("imp1"), "[]".getBytes(), "application/json");
    }

    @ParameterizedTest
    @ValueSource(classes = {FileRefusedException.class, RequestRefusedException.class, ImportRefusedException.class})
    void aRefusalIsRecordedAsRefusedWithTheLambdasErrorMessage(Class<?> refusal) {
        runningWithLeads(1);

        ImportSummary summary = fakes.workflow.markImportEnded().end(failure(EXECUTION, new ImportJob("imp1", false),
                refusal.getName(), lambdaError(refusal.getName(), "The file is empty"))).summary();

        assertThat(summary).isEqualTo(new ImportSummary("imp1", "REFUSED", 0, 0, 0, Map.of(), 0, null, "The file is empty"));
        ImportRecord record = fakes.imports.find("imp1").orElseThrow();
        assertThat(record.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(record.error()).isEqualTo("The file is empty");
    }

    @Test
    void anyOtherErrorFailsTheImportWithItsCauseAsItCame() {
        runningWithLeads(1);

        ImportSummary summary = fakes.workflow.markImportEnded().end(failure(EXECUTION, new ImportJob("imp1", false),
                "java.lang.IllegalStateException", "chunk 3 cannot be written")).summary();

        assertThat(summary.status()).isEqualTo("FAILED");
        assertThat(fakes.imports.find("imp1").orElseThrow()).satisfies(record -> {
            assertThat(record.status()).isEqualTo(ImportStatus.FAILED);
            assertThat(record.error()).as("quoting the id the fault was logged under")
                    .matches("chunk 3 cannot be written \\(ref [0-9a-f]{8}\\)");
        });
    }

    @Test
    void anErrorWithoutACauseIsReportedByItsName() {
        runningWithLeads(1);

        fakes.workflow.markImportEnded().end(failure(EXECUTION, new ImportJob("imp1", false), "States.Timeout", "")).summary();

        assertThat(fakes.imports.find("imp1").orElseThrow().error()).startsWith("States.Timeout (ref ");
    }

    @Test
    void aFailedImportLargerThanOneCallsBudgetIsUndoneAcrossCallsAndStaysRunningUntilThen() {
        runningWithLeads(MarkImportEnded.REMOVAL_BUDGET + 300);
        ExecutionFailure failure = failure(EXECUTION, new ImportJob("imp1", false), "java.lang.IllegalStateException", "x");

        MarkImportEnded.Ended first = fakes.workflow.markImportEnded().end(failure);
        ImportStatus between = fakes.imports.find("imp1").orElseThrow().status();
        MarkImportEnded.Ended second = fakes.workflow.markImportEnded().end(failure);

        assertThat(first.done()).isFalse();
        assertThat(between).isEqualTo(ImportStatus.RUNNING);
        assertThat(second.done()).isTrue();
        assertThat(fakes.imports.find("imp1").orElseThrow().status()).isEqualTo(ImportStatus.FAILED);
        assertThat(fakes.names("Dest")).isEmpty();
    }

    @Test
    void theLeadsItsChunksWroteAreRemovedPageByPageAndItsWorkFilesCleared() {
        fakes.stored("Dest", "old", lead(1, "Ann", "345001", null), 0);
        runningWithLeads(1_201);

        fakes.workflow.markImportEnded().end(failure(EXECUTION, new ImportJob("imp1", false), "java.lang.IllegalStateException", "x")).summary();

        assertThat(fakes.names("Dest")).containsExactly("Ann");
        assertThat(fakes.files.list(WORK_BUCKET, WorkFiles.prefix("imp1"))).isEmpty();
        assertThat(fakes.imports.expiringBefore(TODAY.plusYears(1))).as("nothing left to purge").isEmpty();
    }

    @Test
    void anExecutionThatNeverClaimedTheImportChangesNothing() {
        runningWithLeads(3);

        ImportSummary summary = fakes.workflow.markImportEnded().end(failure("exec-2", null,
                FileRefusedException.class.getName(), lambdaError("x", "The file is empty"))).summary();

        assertThat(summary.importId()).isEqualTo("imp1");
        assertThat(fakes.imports.find("imp1").orElseThrow().status()).isEqualTo(ImportStatus.RUNNING);
        assertThat(fakes.leads.leads("Dest")).hasSize(3);
        assertThat(fakes.files.exists(WORK_BUCKET, WorkFiles.manifest("imp1"))).isTrue();
    }

    @Test
    void aFinishedImportIsNotEndedAgainByALateFailure() {
        runningWithLeads(2);
        fakes.imports.completed("imp1", new ImportResult(2, 2, 0, Map.of(), 0, null));

        fakes.workflow.markImportEnded().end(failure(EXECUTION, new ImportJob("imp1", false), "java.lang.IllegalStateException", "x")).summary();

        assertThat(fakes.imports.find("imp1").orElseThrow().status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(fakes.leads.leads("Dest")).hasSize(2);
    }

    @Test
    void anImportStillAwaitingItsFileIsFoundFromTheUploadKeyAndEnded() {
        fakes.imports.create(ImportRecord.awaitingFile("imp1", request("Dest", ""), UPLOAD_BUCKET, UPLOAD_KEY, "leads.csv", NOW,
                "ann", TODAY));

        ImportSummary summary = fakes.workflow.markImportEnded().end(failure("exec-9", null,
                "java.io.UncheckedIOException", "unreadable")).summary();

        assertThat(summary.importId()).isEqualTo("imp1");
        assertThat(fakes.imports.find("imp1").orElseThrow().status()).isEqualTo(ImportStatus.FAILED);
    }

    @Test
    void aSupplierDropIsFoundByTheIdItsEventDerives() {
        String key = UploadKeys.supplierDrop("Nobody", "x.csv");
        String importId = UploadKeys.dropImportId(UPLOAD_BUCKET, key, "seq-1");
        fakes.imports.create(ImportRecord.awaitingFile(importId, null, UPLOAD_BUCKET, key, "x.csv", NOW, "supplier:Nobody", TODAY));
        String message = new SupplierNotConfiguredException("Nobody").getMessage();

        fakes.workflow.markImportEnded().end(new ExecutionFailure(new FileArrived(UPLOAD_BUCKET, key, 30L, "seq-1", EXECUTION),
                null, new ExecutionFailure.Error(SupplierNotConfiguredException.class.getName(),
                        lambdaError(SupplierNotConfiguredException.class.getName(), message))));

        assertThat(fakes.imports.find(importId).orElseThrow()).satisfies(record -> {
            assertThat(record.status()).isEqualTo(ImportStatus.FAILED);
            assertThat(record.error()).isEqualTo(message);
        });
    }

    @Test
    void aFileOutsideAnyImportEndsWithoutOne() {
        ImportSummary summary = fakes.workflow.markImportEnded().end(new ExecutionFailure(
                new FileArrived(UPLOAD_BUCKET, "elsewhere/x.csv", 30L, "seq-1", EXECUTION), null,
                new ExecutionFailure.Error(ImportRefusedException.class.getName(), lambdaError("x", "not an import upload")))).summary();

        assertThat(summary.importId()).isNull();
        assertThat(summary.status()).isEqualTo("REFUSED");
        assertThat(summary.error()).isEqualTo("not an import upload");
        assertThat(fakes.imports.history(10)).isEmpty();
    }
}
