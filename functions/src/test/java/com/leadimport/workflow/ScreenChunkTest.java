package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.WORK_BUCKET;
import static com.leadimport.workflow.FakeWorkflow.request;
import static com.leadimport.workflow.FakeWorkflow.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.leadimport.domain.csv.CsvRow;
import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.request.ImportRequest;
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

    /** The rows Screen let through, as their key fingerprints say: each row with its deduped and other keys. */
    private List<String> goingOn(int chunk) {
        List<String> rows = new ArrayList<>();
        Fingerprints.forEach(fakes.files.read(WORK_BUCKET, WorkFiles.fingerprints("imp1", chunk)),
                (row, deduped, others) -> rows.add(goesOn(row, deduped, others)));
        return rows;
    }

    private static long[] keys(String... keys) {
        return Arrays.stream(keys).mapToLong(DedupeKeys::fingerprint).toArray();
    }

    private static String goesOn(long row, long[] deduped, long[] others) {
        return row + ":" + Arrays.toString(deduped) + Arrays.toString(others);
    }

    @Test
    void everyRowScreenRefusesIsRecordedWithItsReasonAndTheOthersGoOnWithTheirKeys() {
        CsvRow malformed = new CsvRow(5, List.of("Ed", "07412 345005", "", "extra"), "row 5 has 4 cells, the header has 3");

        ScreenedChunk screened = screenOneChunk(request("May", ""), List.of(row(1, "Ann", "07412 345001", "ann@example.com"),
                row(2, "Bob", "", ""), row(3, "Cy", "12345", ""), row(4, "Di", "07412 345004", "di@"), malformed));

        assertThat(screened.rejected()).extracting(RowOutcome.Rejected::rowNumber, RowOutcome.Rejected::reason,
                        RowOutcome.Rejected::message)
                .containsExactly(tuple(2L, Reason.NO_CONTACT, "the row has no phone number and no email address"),
                        tuple(3L, Reason.INVALID_PHONE, "no valid phone number: Phone 1 '12345'"),
                        tuple(4L, Reason.INVALID_EMAIL, "email 'di@' is not a valid email address"),
                        tuple(5L, Reason.MALFORMED_ROW, "row 5 has 4 cells, the header has 3"));
        assertThat(screened.rejected()).as("the cells are in the chunk file").allSatisfy(row -> assertThat(row.cells()).isNull());
        assertThat(screened.dncListed()).isEmpty();
        assertThat(goingOn(0)).containsExactly(goesOn(1, keys(), keys("P#+447412345001", "E#ann@example.com")));
    }

    @Test
    void numbersOnTickedDncCategoriesAreRecordedWithOneLookupForTheChunk() {
        fakes.dnc.add("IVR", List.of("+447412345001"));
        fakes.dnc.add("Requested", List.of("+447412345002"));

        ScreenedChunk screened = screenOneChunk(request("May", "\"dnc\": {\"enabled\": true, \"categories\": [\"IVR\"]}"),
                List.of(row(1, "Ann", "07412 345001", ""), row(2, "Bob", "07412 345002", ""),
                        row(3, "Cy", "07412 345001", "cy@example.com")));

        assertThat(screened.rejected()).singleElement().satisfies(ann -> {
            assertThat(ann.rowNumber()).isEqualTo(1);
            assertThat(ann.reason()).isEqualTo(Reason.DNC);
        });
        assertThat(screened.dncListed()).containsExactly("+447412345001");
        assertThat(goingOn(0)).as("Cy goes on with her email, not the DNC number")
                .containsExactly(goesOn(2, keys(), keys("P#+447412345002")), goesOn(3, keys(), keys("E#cy@example.com")));
        assertThat(fakes.dnc.lookups()).isEqualTo(1);
    }

    @Test
    void withDncOffNothingIsLookedUpAndListedNumbersGoOn() {
        fakes.dnc.add("IVR", List.of("+447412345001"));

        ScreenedChunk screened = screenOneChunk(request("May", "\"dnc\": {\"enabled\": false, \"categories\": [\"IVR\"]}"),
                List.of(row(1, "Ann", "07412 345001", "")));

        assertThat(screened.rejected()).isEmpty();
        assertThat(screened.dncListed()).isEmpty();
        assertThat(goingOn(0)).containsExactly(goesOn(1, keys(), keys("P#+447412345001")));
        assertThat(fakes.dnc.lookups()).isZero();
    }

    @Test
    void theLeadsKeysAreWrittenTheChosenIdentityForTheInFileRuleApart() {
        String dedupeOnPhone = "\"dedupe\": {\"enabled\": true, \"on\": \"PHONE\", \"scope\": \"FILE\", \"action\": \"KEEP_EXISTING\"}";

        screenOneChunk(request("May", dedupeOnPhone),
                List.of(row(1, "Ann", "07412 345001", "ann@example.com"), row(2, "Bob", "", ""), row(3, "Cy", "", "cy@example.com")));

        assertThat(goingOn(0)).containsExactly(goesOn(1, keys("P#+447412345001"), keys("E#ann@example.com")),
                goesOn(3, keys(), keys("E#cy@example.com")));
    }

    @Test
    void withoutDeduplicationEveryKeyIsWrittenAsNotDedupedOn() {
        screenOneChunk(request("May", ""), List.of(row(1, "Ann", "07412 345001", "")));

        assertThat(goingOn(0)).containsExactly(goesOn(1, keys(), keys("P#+447412345001")));
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
        assertThat(IntStream.range(0, chunks).mapToObj(n -> goingOn(n).get(0)))
                .containsExactly(IntStream.range(0, chunks).mapToObj(n -> goesOn(n + 1, keys(), keys("P#+4474123450" + (10 + n))))
                        .toArray(String[]::new));
    }
}
