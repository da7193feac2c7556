package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.WORK_BUCKET;
import static com.leadimport.workflow.FakeWorkflow.dedupe;
import static com.leadimport.workflow.FakeWorkflow.lead;
import static com.leadimport.workflow.FakeWorkflow.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.row.Lead;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Ann, Cy share a phone; Bob, Ed an email; Di, Fi a phone. */
class ResolveDuplicatesTest {

    private static final Lead ANN = lead(1, "Ann", "345001", null);
    private static final Lead BOB = lead(2, "Bob", "345002", "b@example.com");
    private static final Lead CY = lead(3, "Cy", "345001", null);
    private static final Lead DI = lead(4, "Di", "345004", null);
    private static final Lead ED = lead(5, "Ed", null, "B@example.com");
    private static final Lead FI = lead(6, "Fi", "345004", null);

    private final FakeWorkflow fakes = new FakeWorkflow();

    private long resolve(String action, List<List<Lead>> chunks) {
        return resolve(fakes, action, chunks);
    }

    /** Writes each chunk's keys (on BOTH) as Screen would, then resolves. */
    private static long resolve(FakeWorkflow fakes, String action, List<List<Lead>> chunks) {
        fakes.running("imp1", request("May", dedupe("FILE", action)), chunks.size(), 6, null);
        for (int n = 0; n < chunks.size(); n++) {
            fakes.files.put(WORK_BUCKET, WorkFiles.fingerprints("imp1", n), Fingerprints.encode(chunks.get(n), Dedupe.On.BOTH),
                    "application/octet-stream");
        }
        return fakes.workflow.resolveDuplicates().resolve(FakeWorkflow.split("imp1", chunks.size(), 6));
    }

    private Set<Long> losers(int chunk) {
        return losers(fakes, chunk);
    }

    private static Set<Long> losers(FakeWorkflow fakes, int chunk) {
        return InFileLosers.decode(fakes.files.read(WORK_BUCKET, WorkFiles.duplicates("imp1", chunk))).keySet();
    }

    private static Set<Long> allLosers(FakeWorkflow fakes, int chunks) {
        Set<Long> all = new TreeSet<>();
        for (int n = 0; n < chunks; n++) {
            all.addAll(losers(fakes, n));
        }
        return all;
    }

    @Test
    void keepExistingKeepsTheFirstRowOfTheFileWhicheverChunkItIsIn() {
        long duplicates = resolve("KEEP_EXISTING", List.of(List.of(ANN, BOB), List.of(CY, DI), List.of(ED, FI)));

        assertThat(duplicates).isEqualTo(3);
        assertThat(losers(0)).isEmpty();
        assertThat(losers(1)).containsExactly(3L);
        assertThat(losers(2)).containsExactlyInAnyOrder(5L, 6L);
    }

    @Test
    void keepNewKeepsTheLastRowOfTheFile() {
        long duplicates = resolve("KEEP_NEW", List.of(List.of(ANN, BOB), List.of(CY, DI), List.of(ED, FI)));

        assertThat(duplicates).isEqualTo(3);
        assertThat(losers(0)).containsExactlyInAnyOrder(1L, 2L);
        assertThat(losers(1)).containsExactly(4L);
        assertThat(losers(2)).isEmpty();
    }

    @Test
    void resetOlderKeepsTheFirstRowLikeKeepExisting() {
        resolve("RESET_OLDER", List.of(List.of(ANN, BOB, CY, DI, ED, FI)));

        assertThat(losers(0)).containsExactlyInAnyOrder(3L, 5L, 6L);
    }

    @Test
    void theAnswerDependsOnRowNumbersOnlyNotOnHowRowsWereChunked() {
        List<List<Lead>> oneByOne = new ArrayList<>();
        List.of(ANN, BOB, CY, DI, ED, FI).forEach(l -> oneByOne.add(List.of(l)));
        FakeWorkflow shuffled = new FakeWorkflow();

        resolve("KEEP_EXISTING", oneByOne);
        resolve(shuffled, "KEEP_EXISTING", List.of(List.of(FI, ED), List.of(DI, CY, BOB), List.of(ANN)));

        assertThat(allLosers(fakes, 6)).containsExactly(3L, 5L, 6L);
        assertThat(allLosers(shuffled, 3)).containsExactly(3L, 5L, 6L);
    }

    @Test
    void withoutDeduplicationNoRowLosesButKeysSharedAcrossChunksAreFound() {
        fakes.running("imp1", request("May", ""), 2, 4, null);
        fakes.files.put(WORK_BUCKET, WorkFiles.fingerprints("imp1", 0), Fingerprints.encode(List.of(ANN, BOB), null), "x");
        fakes.files.put(WORK_BUCKET, WorkFiles.fingerprints("imp1", 1), Fingerprints.encode(List.of(CY, DI), null), "x");

        long duplicates = fakes.workflow.resolveDuplicates().resolve(FakeWorkflow.split("imp1", 2, 4));

        assertThat(duplicates).isZero();
        assertThat(fakes.files.exists(WORK_BUCKET, WorkFiles.duplicates("imp1", 0))).isFalse();
        assertThat(shared()).as("Ann and Cy share a number across chunks").containsExactly(DedupeKeys.fingerprint("P#+447412345001"));
        assertThat(Fingerprints.decodeSorted(fakes.files.read(WORK_BUCKET, WorkFiles.importKeys("imp1")))).as("every key once, sorted")
                .isSorted().doesNotHaveDuplicates().contains(DedupeKeys.fingerprint("P#+447412345001"));
    }

    @Test
    void aKeySharedOnlyWithinOneChunkOrWithALosingRowIsNotShared() {
        // Ann (chunk 0) and Cy (chunk 1) share a number, but Cy loses as an in-file duplicate; Di and Fi share one in chunk 1
        resolve("KEEP_EXISTING", List.of(List.of(ANN, BOB), List.of(CY, DI, FI)));

        assertThat(shared()).isEmpty();
    }

    @Test
    void keysTheImportDoesNotDedupeOnAreSharedAcrossChunksToo() {
        fakes.running("imp1", request("May", "\"dedupe\": {\"enabled\": true, \"on\": \"PHONE\", \"scope\": \"FILE\","
                + " \"action\": \"KEEP_EXISTING\"}"), 2, 5, null);
        fakes.files.put(WORK_BUCKET, WorkFiles.fingerprints("imp1", 0), Fingerprints.encode(List.of(BOB), Dedupe.On.PHONE), "x");
        fakes.files.put(WORK_BUCKET, WorkFiles.fingerprints("imp1", 1), Fingerprints.encode(List.of(ED), Dedupe.On.PHONE), "x");

        fakes.workflow.resolveDuplicates().resolve(FakeWorkflow.split("imp1", 2, 2));

        assertThat(allLosers(fakes, 2)).as("they dedupe on phone only").isEmpty();
        assertThat(shared()).containsExactly(DedupeKeys.fingerprint("E#b@example.com"));
    }

    private List<Long> shared() {
        return java.util.Arrays.stream(Fingerprints.decodeSorted(fakes.files.read(WORK_BUCKET, WorkFiles.sharedKeys("imp1"))))
                .boxed().toList();
    }
}
