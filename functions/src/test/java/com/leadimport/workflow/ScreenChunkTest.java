package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.WORK_BUCKET;
import static com.leadimport.workflow.FakeWorkflow.request;
import static com.leadimport.workflow.FakeWorkflow.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.leadimport.domain.csv.CsvRow;
import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.Reason;
import com.leadimport.domain.row.RowOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScreenChunkTest {

    private final FakeWorkflow fakes = new FakeWorkflow();
    private final ScreenChunk screen = fakes.workflow.screenChunk();

    private ScreenedChunk screenOneChunk(ImportRequest request, List<CsvRow> rows) {
        fakes.running("imp1", request, 1, rows.size(), null);
        fakes.chunkFile("imp1", 0, rows);
        screen.screen(new ChunkRef("imp1", 0, rows.get(0).rowNumber(), rows.size()));
        return fakes.screened("imp1", 0);
    }

    @Test
    void everyRowEndsAsALeadOrAsARejectionWithItsReasonAndOriginalCells() {
        CsvRow malformed = new CsvRow(5, List.of("Ed", "07412 345005", "", "extra"), "row 5 has 4 cells, the header has 3");

        ScreenedChunk screened = screenOneChunk(request("May", ""), List.of(row(1, "Ann", "07412 345001", "ann@example.com"),
                row(2, "Bob", "", ""), row(3, "Cy", "12345", ""), row(4, "Di", "07412 345004", "di@"), malformed));

        assertThat(screened.leads()).singleElement().satisfies(ann -> {
            assertThat(ann.rowNumber()).isEqualTo(1);
            assertThat(ann.phones().get(LeadField.PHONE1).e164()).isEqualTo("+447412345001");
            assertThat(ann.email()).isEqualTo("ann@example.com");
        });
        assertThat(screened.rejected()).extracting(RowOutcome.Rejected::rowNumber, RowOutcome.Rejected::reason)
                .containsExactly(tuple(2L, Reason.NO_CONTACT),
                        tuple(3L, Reason.INVALID_PHONE),
                        tuple(4L, Reason.INVALID_EMAIL),
                        tuple(5L, Reason.MALFORMED_ROW));
        assertThat(screened.rejected().get(3).cells()).isEqualTo(malformed.cells());
        assertThat(screened.rejected().get(1).cells()).containsExactly("Cy", "12345", "");
    }

    @Test
    void numbersOnTickedDncCategoriesAreDroppedWithOneLookupForTheChunk() {
        fakes.dnc.add("IVR", List.of("+447412345001"));
        fakes.dnc.add("Requested", List.of("+447412345002"));

        ScreenedChunk screened = screenOneChunk(request("May", "\"dnc\": {\"enabled\": true, \"categories\": [\"IVR\"]}"),
                List.of(row(1, "Ann", "07412 345001", ""), row(2, "Bob", "07412 345002", ""),
                        row(3, "Cy", "07412 345001", "cy@example.com")));

        assertThat(screened.rejected()).singleElement().satisfies(ann -> {
            assertThat(ann.rowNumber()).isEqualTo(1);
            assertThat(ann.reason()).isEqualTo(Reason.DNC);
        });
        assertThat(screened.leads()).extracting(Lead::rowNumber).containsExactly(2L, 3L);
        assertThat(screened.leads().get(1).phones()).as("Cy keeps her email, not the DNC number").isEmpty();
        assertThat(fakes.dnc.lookups()).isEqualTo(1);
    }

    @Test
    void withDncOffNothingIsLookedUpAndListedNumbersAreImported() {
        fakes.dnc.add("IVR", List.of("+447412345001"));

        ScreenedChunk screened = screenOneChunk(request("May", "\"dnc\": {\"enabled\": false, \"categories\": [\"IVR\"]}"),
                List.of(row(1, "Ann", "07412 345001", "")));

        assertThat(screened.leads()).extracting(Lead::rowNumber).containsExactly(1L);
        assertThat(fakes.dnc.lookups()).isZero();
    }

    @Test
    void theLeadsKeysAreWrittenTheChosenIdentityForTheInFileRuleApart() {
        String dedupeOnPhone = "\"dedupe\": {\"enabled\": true, \"on\": \"PHONE\", \"scope\": \"FILE\", \"action\": \"KEEP_EXISTING\"}";

        screenOneChunk(request("May", dedupeOnPhone),
                List.of(row(1, "Ann", "07412 345001", "ann@example.com"), row(2, "Bob", "", ""), row(3, "Cy", "", "cy@example.com")));

        List<String> visited = new ArrayList<>();
        Fingerprints.forEach(fakes.files.read(WORK_BUCKET, WorkFiles.fingerprints("imp1", 0)),
                (row, deduped, others) -> visited.add(row + ":" + Arrays.toString(deduped) + Arrays.toString(others)));
        assertThat(visited).containsExactly("1:[" + DedupeKeys.fingerprint("P#+447412345001") + "]["
                + DedupeKeys.fingerprint("E#ann@example.com") + "]", "3:[][" + DedupeKeys.fingerprint("E#cy@example.com") + "]");
    }

    @Test
    void withoutDeduplicationEveryKeyIsWrittenAsNotDedupedOn() {
        screenOneChunk(request("May", ""), List.of(row(1, "Ann", "07412 345001", "")));

        List<String> visited = new ArrayList<>();
        Fingerprints.forEach(fakes.files.read(WORK_BUCKET, WorkFiles.fingerprints("imp1", 0)),
                (row, deduped, others) -> visited.add(row + ":" + Arrays.toString(deduped) + Arrays.toString(others)));
        assertThat(visited).containsExactly("1:[][" + DedupeKeys.fingerprint("P#+447412345001") + "]");
        assertThat(fakes.files.exists(WORK_BUCKET, WorkFiles.screened("imp1", 0))).isTrue();
    }

    @Test
    void chunksScreenedInParallelAndRetriedEachCountOnce() throws Exception {
        int chunks = 8;
        fakes.running("imp1", request("May", ""), chunks, chunks, null);
        IntStream.range(0, chunks).forEach(n -> fakes.chunkFile("imp1", n, List.of(row(n + 1, "L" + n, "07412 3450" + (10 + n), ""))));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < chunks; n++) {
                ChunkRef ref = new ChunkRef("imp1", n, n + 1, 1);
                done.add(pool.submit(() -> screen.screen(ref)));
                done.add(pool.submit(() -> screen.screen(ref)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(fakes.imports.find("imp1").orElseThrow().chunksScreened()).isEqualTo(chunks);
        assertThat(IntStream.range(0, chunks).mapToObj(n -> fakes.screened("imp1", n).leads().get(0).rowNumber()))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }
}
