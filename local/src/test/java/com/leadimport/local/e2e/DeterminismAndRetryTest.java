package com.leadimport.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.request.ImportRequest;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.local.LocalRuntime;
import com.leadimport.local.sfn.TaskInvoker;
import com.leadimport.ports.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The same file and settings give the same leads however chunks are sized and scheduled; a retried chunk writes nothing twice. */
class DeterminismAndRetryTest {

    private static final String SETTINGS = Imports.dedupe("FILE", "KEEP_EXISTING", "");

    /** 300 rows with many shared phones and emails, some invalid. */
    private static String rows() {
        Random random = new Random(5);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String phone = random.nextInt(10) == 0 ? "12345" : "07412 345" + String.format("%03d", random.nextInt(120));
            String email = random.nextBoolean() ? "" : "u" + random.nextInt(150) + "@example.com";
            rows.append("R").append(i).append(',').append(phone).append(',').append(email).append('\n');
        }
        return rows.toString();
    }

    private static Supplier<String> ids() {
        AtomicInteger next = new AtomicInteger();
        return () -> "imp" + next.incrementAndGet();
    }

    /** The leads as comparable lines: row, name, phone, email. */
    private static List<String> outcome(LocalRuntime runtime, ImportRecord record) {
        List<String> lines = new ArrayList<>();
        Imports.leads(runtime, "D").forEach(l -> lines.add(l.leadId() + " " + l.lead().fields() + " " + l.lead().phones()));
        lines.add(record.rejectedByReason().toString());
        return lines;
    }

    @Test
    void chunkSizeAndParallelismDoNotChangeTheResult() {
        List<List<String>> outcomes = new ArrayList<>();
        for (int[] setup : new int[][] {{1000, 1}, {7, 4}, {1, 8}, {33, 2}}) {
            try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null).withChunkRows(setup[0])
                    .withThreads(setup[1]).withIds(ids()))) {
                ImportRecord record = Imports.run(runtime, "D", SETTINGS, rows());
                assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
                assertThat(record.imported() + record.rejected()).isEqualTo(300);
                outcomes.add(outcome(runtime, record));
            }
        }
        assertThat(outcomes.get(0)).hasSizeGreaterThan(50);
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isEqualTo(outcomes.get(0)));
    }

    @Test
    void aChunkThatFailsAfterWritingIsRetriedWithoutDuplicates() {
        AtomicInteger writeCalls = new AtomicInteger();
        TaskInvoker[] real = new TaskInvoker[1];
        // the second WriteChunk call stores its leads and then fails, as a timed-out Lambda would
        LocalRuntime.Settings settings = LocalRuntime.Settings.defaults(null).withChunkRows(50).withThreads(2).withIds(ids())
                .withSleeper(millis -> { })
                .withTaskWrapper(invoker -> {
                    real[0] = invoker;
                    return (function, payload) -> {
                        var result = invoker.invoke(function, payload);
                        if (function.equals("WriteChunk") && writeCalls.incrementAndGet() == 2) {
                            throw new StoreUnavailableException("throttled after writing", null);
                        }
                        return result;
                    };
                });
        ImportRecord retried;
        List<String> retriedLeads;
        try (LocalRuntime runtime = LocalRuntime.start(settings)) {
            retried = Imports.run(runtime, "D", SETTINGS, rows());
            retriedLeads = outcome(runtime, retried);
        }
        ImportRecord clean;
        List<String> cleanLeads;
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null).withChunkRows(50).withIds(ids()))) {
            clean = Imports.run(runtime, "D", SETTINGS, rows());
            cleanLeads = outcome(runtime, clean);
        }

        assertThat(writeCalls.get()).isEqualTo(7);
        assertThat(retried.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(retried.imported()).isEqualTo(clean.imported());
        assertThat(retriedLeads).isEqualTo(cleanLeads);
    }

    @Test
    void aChunkThatKeepsFailingFailsTheImportAndLeavesNoLeads() {
        LocalRuntime.Settings settings = LocalRuntime.Settings.defaults(null).withChunkRows(50).withSleeper(millis -> { })
                .withTaskWrapper(invoker -> (function, payload) -> {
                    if (function.equals("WriteChunk") && payload.path("chunk").asInt() == 3) {
                        throw new IllegalStateException("chunk 3 cannot be written");
                    }
                    return invoker.invoke(function, payload);
                });
        try (LocalRuntime runtime = LocalRuntime.start(settings)) {
            ImportRecord record = Imports.run(runtime, "D", SETTINGS, rows());

            assertThat(record.status()).isEqualTo(ImportStatus.FAILED);
            assertThat(record.error()).contains("chunk 3 cannot be written");
            assertThat(Imports.leads(runtime, "D")).isEmpty();
        }
    }
}
