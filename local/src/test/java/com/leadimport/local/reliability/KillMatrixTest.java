package com.leadimport.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.request.LeadField;
import com.leadimport.local.LocalRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line killed with SIGKILL in each phase of an import, then run again on the same data
 * dir with the same file: the list holds exactly the leads of one uninterrupted run, and the
 * import's summary adds up. (The runtime, when it starts again, ends the import the killed process
 * left running, with none of its leads; the second import then runs whole.)
 */
class KillMatrixTest {

    private static final int CHUNK_ROWS = 40;

    @TempDir
    static Path shared;

    private static Path file;
    private static Path request;
    private static Map<String, String> uninterrupted;

    @BeforeAll
    static void fileAndAnUninterruptedRun() throws Exception {
        file = shared.resolve("leads.csv");
        StringBuilder csv = new StringBuilder("Name,Phone,Email\n");
        Random random = new Random(12);
        for (int row = 0; row < 600; row++) {
            // a fifth of the numbers repeat within the file, and some emails: in-file duplicates across chunks
            csv.append("Lead").append(row).append(",07412 ").append(348000 + random.nextInt(480)).append(',')
                    .append(random.nextInt(5) == 0 ? "same" + random.nextInt(20) + "@example.com" : "").append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        request = shared.resolve("request.json");
        Files.writeString(request, """
                { "details": { "list": "Killed", "supplier": "Acme", "costPerLead": 0.10, "adHoc": true },
                  "settings": { "format": { "preset": "DEFAULT_UK" }, "validateEmails": true,
                                "dedupe": { "enabled": true, "on": "PHONE", "scope": "LISTS", "destinationList": true,
                                            "action": "KEEP_EXISTING" } },
                  "mapping": { "fields": { "firstName": { "headers": ["Name"] }, "phone1": { "headers": ["Phone"] },
                                           "email": { "headers": ["Email"] } } } }
                """);
        Path data = shared.resolve("uninterrupted");
        ChildCli.Result imported = ChildCli.run(data, shared.resolve("u.out"), CHUNK_ROWS, "import", file.toString(), "--request",
                request.toString());
        assertThat(imported.status()).as(imported.err()).isZero();
        uninterrupted = leads(data);
        assertThat(uninterrupted).hasSizeGreaterThan(300);
    }

    /** The list's leads by phone number, with their names (read here, once no process has the data dir). */
    private static Map<String, String> leads(Path data) {
        Map<String, String> byPhone = new TreeMap<>();
        // the store the child processes used (they run the embedded default whatever this test run's setting)
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(data).withDynamoDb("embedded"))) {
            runtime.stores().leads().forEachLead("Killed", lead -> assertThat(byPhone.put(
                    lead.lead().phones().get(LeadField.PHONE1).display(), lead.lead().fields().get(LeadField.FIRST_NAME)))
                    .as("a number twice").isNull());
            assertThat(runtime.stores().imports().active()).as("no import left running").isEmpty();
        }
        return byPhone;
    }

    @ParameterizedTest(name = "killed at the {1}th call of {0}")
    @CsvSource({"PrepareImport, 1", "SplitFile, 1", "ScreenChunk, 4", "ResolveDuplicates, 1", "WriteChunk, 5", "WriteKeys, 2",
            "FinalizeImport, 1"})
    void killedInAPhaseThenImportedAgain(String function, int call, @TempDir Path data) throws Exception {
        Process child = ChildCli.start(data, data.resolveSibling(data.getFileName() + ".out"), CHUNK_ROWS, "import",
                file.toString(), "--request", request.toString());
        awaitCall(data.resolve("logs/lead-import.log"), function, call, child);
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        ChildCli.Result again = ChildCli.run(data, data.resolveSibling(data.getFileName() + "-again.out"), CHUNK_ROWS, "import",
                file.toString(), "--request", request.toString());

        assertThat(again.status()).as(again.err()).isZero();
        JsonNode summary = Json.MAPPER.readTree(again.out());
        assertThat(summary.get("imported").asLong() + summary.get("rejected").asLong()).isEqualTo(summary.get("totalRows").asLong());
        assertThat(summary.get("totalRows").asLong()).isEqualTo(600);
        assertThat(leads(data)).isEqualTo(uninterrupted);
    }

    /** Waits until the child's log shows the given call of the function (or it has finished: then the kill comes late). */
    private static void awaitCall(Path log, String function, int call, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(log)) {
                long calls = Files.readAllLines(log).stream()
                        .filter(line -> line.contains("\"event\":\"invoke\"") && line.contains("\"function\":\"" + function + "\""))
                        .count();
                if (calls >= call) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError(function + " was not called " + call + " times before the child ended");
    }
}
