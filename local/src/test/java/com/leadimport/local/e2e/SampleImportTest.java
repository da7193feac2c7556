package com.leadimport.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.request.ImportRequests;
import com.leadimport.imports.ImportRecord;
import com.leadimport.local.LocalRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleImportTest {

    @Test
    void importsTheShippedSample() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null).withChunkRows(3))) {
            ImportRecord record = runtime.importFile("leads.csv", Files.readAllBytes(Path.of("samples/leads.csv")),
                    ImportRequests.parse(Files.readString(Path.of("samples/request.json"))), "test");
            System.out.println(record);
            assertThat(record.status().name()).isEqualTo("COMPLETED");
        }
    }
}
