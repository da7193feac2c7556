package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.dedupe;
import static com.leadimport.workflow.FakeWorkflow.lead;
import static com.leadimport.workflow.FakeWorkflow.request;
import static com.leadimport.workflow.FakeWorkflow.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chunks record their key index changes by key shard; WriteKeys applies each shard's: until
 * then a later import does not see the new leads' keys, after it the replaced leads' keys are gone.
 */
class WriteKeysTest {

    private final FakeWorkflow fakes = new FakeWorkflow();

    @Test
    void theKeysOfWrittenLeadsAreIndexedAndTheReplacedLeadsKeysRemoved() {
        fakes.stored("Dest", "old1", lead(1, "Ann", "345001", "ann@example.com"), 0);
        fakes.running("imp1", request("Dest", dedupe("LISTS", "KEEP_NEW")), 2, 3, null);
        fakes.chunkFile("imp1", 0, List.of(row(1, "Ann2", "07412 345001", "")));
        fakes.screenedFile("imp1", 0);
        fakes.duplicatesFile("imp1", 0, Map.of());
        fakes.chunkFile("imp1", 1, List.of(row(2, "Di", "07412 345004", "di@example.com"), row(3, "Ed", "07412 345005", "")));
        fakes.screenedFile("imp1", 1);
        fakes.duplicatesFile("imp1", 1, Map.of());

        fakes.workflow.writeChunk().write(new ChunkRef("imp1", 0, 1, 1));
        fakes.workflow.writeChunk().write(new ChunkRef("imp1", 1, 2, 2));
        var beforeKeys = fakes.leads.keyIndex();
        fakes.writeKeys("imp1", 2);
        fakes.writeKeys("imp1", 2); // a retried shard changes nothing more

        assertThat(beforeKeys).as("only the stored lead's keys, until WriteKeys runs")
                .containsOnlyKeys("P#+447412345001|Dest", "E#ann@example.com|Dest");
        assertThat(fakes.leads.keyIndex()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "P#+447412345001|Dest", java.util.Set.of("imp1-000000001"),
                "P#+447412345004|Dest", java.util.Set.of("imp1-000000002"),
                "E#di@example.com|Dest", java.util.Set.of("imp1-000000002"),
                "P#+447412345005|Dest", java.util.Set.of("imp1-000000003")));
        assertThat(fakes.names("Dest")).containsExactly("Ann2", "Di", "Ed");
    }

    @Test
    void keysNoOtherChunkSharesAreIndexedByTheChunkItselfAndSharedOnesByWriteKeys() {
        fakes.running("imp1", request("Dest", ""), 2, 2, null);
        fakes.chunkFile("imp1", 0, List.of(row(1, "Ann", "07412 345001", "same@example.com")));
        fakes.screenedFile("imp1", 0);
        fakes.chunkFile("imp1", 1, List.of(row(2, "Bob", "07412 345002", "same@example.com")));
        fakes.screenedFile("imp1", 1);
        fakes.files.put(FakeWorkflow.WORK_BUCKET, WorkFiles.fingerprints("imp1", 0),
                Fingerprints.encode(List.of(lead(1, "Ann", "345001", "same@example.com")), null), "x");
        fakes.files.put(FakeWorkflow.WORK_BUCKET, WorkFiles.fingerprints("imp1", 1),
                Fingerprints.encode(List.of(lead(2, "Bob", "345002", "same@example.com")), null), "x");
        fakes.workflow.resolveDuplicates().resolve(FakeWorkflow.split("imp1", 2, 2));

        fakes.workflow.writeChunk().write(new ChunkRef("imp1", 0, 1, 1));
        fakes.workflow.writeChunk().write(new ChunkRef("imp1", 1, 2, 1));
        var afterChunks = fakes.leads.keyIndex();
        fakes.writeKeys("imp1", 2);

        assertThat(afterChunks).as("each chunk's own numbers; the shared email waits for WriteKeys")
                .containsOnlyKeys("P#+447412345001|Dest", "P#+447412345002|Dest");
        assertThat(fakes.leads.keyIndex()).containsEntry("E#same@example.com|Dest", java.util.Set.of("imp1-000000001",
                "imp1-000000002"));
    }
}
