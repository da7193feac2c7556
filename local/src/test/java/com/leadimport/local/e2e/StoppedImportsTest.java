package com.leadimport.local.e2e;

import static com.leadimport.local.e2e.Imports.dedupe;
import static com.leadimport.local.e2e.Imports.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.local.LocalRuntime;
import com.leadimport.local.sfn.StatesError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import whose execution stops mid-way (its process dies: no Catch runs) is left RUNNING with
 * some of its leads written and its lists leased. Nothing half-imported stays: the local runtime
 * ends such imports when it starts, and on AWS the import-stopped state machine (run here from
 * its definition, as EventBridge would start it) does the same.
 */
class StoppedImportsTest {

    private static final String ROWS = "Ann,07412 347001,\nBob,07412 347002,\nCy,07412 347003,\nDi,07412 347004,\n"
            + "Ed,07412 347005,\nFay,07412 347006,\n";

    /**
     * An execution that stops before Finalize, past its Catch (States.Runtime ends an
     * execution at once), as one that timed out or was aborted does. While {@code ruleDown},
     * ending the import fails too, as when the process dies before the stopped-execution rule
     * runs: its import is left behind.
     */
    private static LocalRuntime.Settings stoppingBeforeFinalize(Path data, AtomicBoolean ruleDown) {
        return LocalRuntime.Settings.defaults(data).withChunkRows(2).withTaskWrapper(invoker -> (function, payload) -> {
            if (function.equals("FinalizeImport") || function.equals("MarkImportEnded") && ruleDown.get()) {
                throw new StatesError("States.Runtime", "the execution stopped here");
            }
            return invoker.invoke(function, payload);
        });
    }

    private static String startAndDie(LocalRuntime runtime) {
        ImportRecord started = runtime.importFile("leads.csv", (Imports.HEADER + ROWS).getBytes(StandardCharsets.UTF_8),
                request("Kept", dedupe("LISTS", "KEEP_EXISTING", "\"destinationList\": true")), "test");
        ImportRecord left = runtime.stores().imports().find(started.importId()).orElseThrow();
        assertThat(left.status()).isEqualTo(ImportStatus.RUNNING);
        assertThat(Imports.leads(runtime, "Kept")).as("leads written before it died").hasSize(6);
        assertThat(runtime.stores().leases().held(Instant.now())).containsValue(left.importId());
        return left.importId();
    }

    private static void assertEndedFailedWithNothingKept(LocalRuntime runtime, String importId) {
        ImportRecord ended = runtime.stores().imports().find(importId).orElseThrow();
        assertThat(ended.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(ended.error()).contains("stopped before it finished").contains("Import the file again");
        assertThat(Imports.leads(runtime, "Kept")).isEmpty();
        assertThat(runtime.stores().leads().findMatches(List.of("P#+447412347001"), null)).isEmpty();
        assertThat(runtime.stores().leases().held(Instant.now())).isEmpty();
        assertThat(runtime.stores().imports().active()).doesNotContain(importId);
    }

    @Test
    void theLocalRuntimeEndsWhatAStoppedProcessLeftRunningAndTheFileCanBeImportedAgain(@TempDir Path data) {
        String importId;
        try (LocalRuntime dying = LocalRuntime.start(stoppingBeforeFinalize(data, new AtomicBoolean(true)))) {
            importId = startAndDie(dying);
        }

        try (LocalRuntime restarted = LocalRuntime.start(LocalRuntime.Settings.defaults(data).withChunkRows(2))) {
            assertEndedFailedWithNothingKept(restarted, importId);

            ImportRecord again = Imports.run(restarted, "Kept", dedupe("LISTS", "KEEP_EXISTING", "\"destinationList\": true"), ROWS);
            assertThat(again.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(again.imported()).isEqualTo(6);
            assertThat(Imports.names(restarted, "Kept")).containsExactly("Ann", "Bob", "Cy", "Di", "Ed", "Fay");
        }
    }

    @Test
    void onAwsTheStoppedExecutionsStatusChangeEndsItsImport(@TempDir Path data) {
        AtomicBoolean ruleDown = new AtomicBoolean(true);
        try (LocalRuntime runtime = LocalRuntime.start(stoppingBeforeFinalize(data, ruleDown))) {
            String importId = startAndDie(runtime);
            ruleDown.set(false);
            ImportRecord left = runtime.stores().imports().find(importId).orElseThrow();
            ObjectNode s3Event = new ObjectMapper().createObjectNode();
            ObjectNode detail = s3Event.putObject("detail");
            detail.putObject("bucket").put("name", left.fileBucket());
            detail.putObject("object").put("key", left.fileKey()).put("size", 100).put("sequencer", "0A1B");
            ObjectNode chunkInput = new ObjectMapper().createObjectNode().put("importId", importId).put("chunk", 0);

            var child = runtime.executionStopped(left.executionId() + "/WriteChunks:1", "FAILED", chunkInput);
            assertThat(runtime.stores().imports().find(importId).orElseThrow().status()).as("a Map child is not an import")
                    .isEqualTo(ImportStatus.RUNNING);
            var other = runtime.executionStopped("arn:aws:states:local:000000000000:execution:x:another", "ABORTED", s3Event);
            assertThat(runtime.stores().imports().find(importId).orElseThrow().status()).as("not the execution that claimed it")
                    .isEqualTo(ImportStatus.RUNNING);
            var stopped = runtime.executionStopped(left.executionId(), "TIMED_OUT", s3Event);
            var repeated = runtime.executionStopped(left.executionId(), "TIMED_OUT", s3Event);

            assertThat(List.of(child, other, stopped, repeated)).allSatisfy(e -> assertThat(e.succeeded()).isTrue());
            assertEndedFailedWithNothingKept(runtime, importId);
            assertThat(runtime.stores().imports().find(importId).orElseThrow().error()).contains("TIMED_OUT");
        }
    }

    @Test
    void theLocalRuntimeRunsTheStoppedExecutionRuleAsEventBridgeWould(@TempDir Path data) {
        try (LocalRuntime runtime = LocalRuntime.start(stoppingBeforeFinalize(data, new AtomicBoolean(false)))) {
            ImportRecord started = runtime.importFile("leads.csv", (Imports.HEADER + ROWS).getBytes(StandardCharsets.UTF_8),
                    request("Kept", dedupe("LISTS", "KEEP_EXISTING", "\"destinationList\": true")), "test");

            assertEndedFailedWithNothingKept(runtime, started.importId());
            assertThat(runtime.stores().imports().find(started.importId()).orElseThrow().error()).contains("FAILED");
        }
    }
}
