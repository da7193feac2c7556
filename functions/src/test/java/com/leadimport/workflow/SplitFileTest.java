package com.leadimport.workflow;

import static com.leadimport.workflow.FakeWorkflow.HEADERS;
import static com.leadimport.workflow.FakeWorkflow.TODAY;
import static com.leadimport.workflow.FakeWorkflow.WORK_BUCKET;
import static com.leadimport.workflow.FakeWorkflow.request;
import static com.leadimport.workflow.FakeWorkflow.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadimport.domain.csv.CsvRow;
import com.leadimport.imports.ImportRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitFileTest {

    private final FakeWorkflow fakes = new FakeWorkflow();

    private SplitResult split(String rows, String settings) {
        FileArrived file = fakes.upload("imp1", "leads.csv", "Name,Phone,Email\n" + rows, request("May", settings));
        return fakes.workflow.splitFile().split(fakes.workflow.prepareImport().prepare(file));
    }

    private ChunkCodec.Chunk chunk(int n) {
        return ChunkCodec.decode(fakes.files.readParts(WORK_BUCKET, WorkFiles.chunk("imp1", n)));
    }

    @Test
    void rowsAreWrittenInChunksThatKeepTheirRowNumbersAndAreListedInTheManifest() {
        SplitResult result = split("Ann,1,\nBob,2,\nCy,3,\nDi,4,\nEd,5,\n", "");

        assertThat(result).isEqualTo(FakeWorkflow.split("imp1", 3, 5));
        assertThat(fakes.manifest("imp1")).as("rows numbered as a spreadsheet shows them: the header is row 1")
                .containsExactly(new ChunkRef("imp1", 0, 2, 2), new ChunkRef("imp1", 1, 4, 2), new ChunkRef("imp1", 2, 6, 1));
        assertThat(chunk(0).headers()).isEqualTo(HEADERS);
        assertThat(chunk(1).rows()).containsExactly(row(4, "Cy", "3", ""), row(5, "Di", "4", ""));
        assertThat(chunk(2).rows()).containsExactly(row(6, "Ed", "5", ""));
        assertThat(fakes.files.exists(WORK_BUCKET, WorkFiles.chunk("imp1", 3))).isFalse();
    }

    @Test
    void aChunkThatCannotBeWrittenFailsTheSplitThoughItIsWrittenWhileTheNextIsRead() {
        FileArrived file = fakes.upload("imp1", "leads.csv", "Name,Phone,Email\nAnn,1,\nBob,2,\nCy,3,\nDi,4,\nEd,5,\n", request("May", ""));
        ImportJob job = fakes.workflow.prepareImport().prepare(file);
        com.leadimport.ports.FileStore failing = (com.leadimport.ports.FileStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {com.leadimport.ports.FileStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putParts") && args[1].equals(WorkFiles.chunk("imp1", 1))) {
                        throw new IllegalStateException("S3 refused chunk 1");
                    }
                    try {
                        return method.invoke(fakes.files, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        assertThatThrownBy(() -> new SplitFile(fakes.imports, failing, WORK_BUCKET, 2).split(job))
                .isInstanceOf(IllegalStateException.class).hasMessage("S3 refused chunk 1");
        assertThat(fakes.files.exists(WORK_BUCKET, WorkFiles.manifest("imp1"))).as("no manifest for a split that failed").isFalse();
    }

    @Test
    void theImportRecordsHowManyChunksAndRowsItHas() {
        split("Ann,1,\nBob,2,\nCy,3,\nDi,4,\n", "");

        ImportRecord record = fakes.imports.find("imp1").orElseThrow();
        assertThat(record.chunksTotal()).isEqualTo(2);
        assertThat(record.totalRows()).isEqualTo(4);
        assertThat(record.expiresOn()).isNull();
        assertThat(fakes.imports.expiringBefore(TODAY.plusYears(10))).isEmpty();
    }

    @Test
    void malformedRowsAreCountedAndCarryWhyIntoTheirChunk() {
        SplitResult result = split("Ann,1,\nBob,2,,extra\n\"Cy,3,\n", "");

        assertThat(result.totalRows()).isEqualTo(3);
        List<CsvRow> rows = fakes.manifest("imp1").stream().flatMap(ref -> chunk(ref.chunk()).rows().stream()).toList();
        assertThat(rows).extracting(CsvRow::rowNumber).containsExactly(2L, 3L, 4L);
        assertThat(rows).extracting(CsvRow::malformed).containsExactly(false, true, true);
    }

    @Test
    void anExpiringImportGetsItsDateFromTheImportDateAndAwaitsThePurge() {
        split("Ann,1,\n", "\"expiry\": {\"enabled\": true, \"option\": \"IN_DAYS\", \"inDays\": 10}");

        ImportRecord record = fakes.imports.find("imp1").orElseThrow();
        assertThat(record.expiresOn()).isEqualTo(TODAY.plusDays(10));
        assertThat(fakes.imports.expiringBefore(TODAY.plusDays(11))).extracting(ImportRecord::importId).containsExactly("imp1");
    }

    @Test
    void aChunkOfNoRowsIsRefused() {
        assertThatThrownBy(() -> new SplitFile(fakes.imports, fakes.files, WORK_BUCKET, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
